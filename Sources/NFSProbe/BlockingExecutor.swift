/// Runs blocking C calls on a bounded set of dedicated threads, so hundreds
/// of concurrent probes neither block Swift's cooperative pool nor spawn a
/// thread each. Jobs beyond the limit wait in FIFO order.
public final class BlockingExecutor: @unchecked Sendable {
    /// Shared by all probes in a process.
    public static let shared = BlockingExecutor(maxThreads: 16)

    public let maxThreads: Int
    // Guarded by `condition`.
    private let condition = ConditionLock()
    private var queue: [@Sendable () -> Void] = []
    private var head = 0
    private var threads = 0
    private var idle = 0

    public init(maxThreads: Int) {
        precondition(maxThreads > 0, "BlockingExecutor needs at least one thread")
        self.maxThreads = maxThreads
    }

    /// Runs `body` on one of the executor's threads and returns its result.
    public func run<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { (continuation: CheckedContinuation<T, Never>) in
            submit { continuation.resume(returning: body()) }
        }
    }

    private func submit(_ job: @escaping @Sendable () -> Void) {
        condition.lock()
        queue.append(job)
        let needThread = idle == 0 && threads < maxThreads
        if needThread { threads += 1 }
        condition.signal()
        condition.unlock()
        if needThread {
            startThread { [self] in workerLoop() }
        }
    }

    private func workerLoop() {
        while true {
            condition.lock()
            while head == queue.count {
                idle += 1
                condition.wait()
                idle -= 1
            }
            let job = queue[head]
            head += 1
            if head > 64 && head * 2 > queue.count {
                queue.removeFirst(head)
                head = 0
            }
            condition.unlock()
            job()
        }
    }
}
