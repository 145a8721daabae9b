#if canImport(Glibc)
import Glibc
#endif

/// Runs `work` on Swift's global executor and blocks the calling thread until it ends.
/// For a synchronous main that needs one async step (the matcher's DNS lookups); the
/// work must not need the calling thread (it does not use the main actor).
func waitFor<T: Sendable>(_ work: @escaping @Sendable () async -> T) -> T {
    let box = ResultBox<T>()
    Task.detached {
        box.value = await work()
        sem_post(box.done)
    }
    while sem_wait(box.done) != 0 && errno == EINTR {}
    return box.value!
}

/// Handed from the task to the waiting thread; the semaphore orders the write before the read.
private final class ResultBox<T>: @unchecked Sendable {
    var value: T?
    let done = UnsafeMutablePointer<sem_t>.allocate(capacity: 1)
    init() { sem_init(done, 0, 0) }
    deinit {
        sem_destroy(done)
        done.deallocate()
    }
}
