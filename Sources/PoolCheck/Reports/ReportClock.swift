import Foundation

/// Times that appear in reports. The example reports in the repository must
/// regenerate byte for byte, so a caller that finds `SOURCE_DATE_EPOCH`
/// (https://reproducible-builds.org/specs/source-date-epoch/) uses that
/// instant as the start and zero as the duration.
public enum ReportClock {
    /// The fixed start time from `SOURCE_DATE_EPOCH`, nil when unset.
    /// A value that is not a non-negative integer is an error, not ignored.
    public static func sourceDateEpoch(_ environment: [String: String]) throws(ReportClockError) -> Date? {
        guard let raw = environment["SOURCE_DATE_EPOCH"] else { return nil }
        guard let seconds = UInt64(raw), seconds <= 253_402_300_799 else {
            throw ReportClockError(value: raw)
        }
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// `2026-11-24T10:00:00Z` (UTC, whole seconds) for the JSON report.
    public static func iso8601UTC(_ date: Date) -> String {
        format(date) + "Z"
    }

    /// `2026-11-24T10:00:00` (UTC, no zone designator) as JUnit's schema demands.
    public static func zoneFreeUTC(_ date: Date) -> String {
        format(date)
    }

    /// Seconds rounded to milliseconds, never negative or NaN.
    public static func roundedSeconds(_ interval: TimeInterval) -> Double {
        guard interval.isFinite, interval > 0 else { return 0 }
        return (interval * 1000).rounded() / 1000
    }

    /// The rounded seconds as reports print them: "0", "1.234".
    public static func secondsText(_ interval: TimeInterval) -> String {
        let seconds = roundedSeconds(interval)
        return seconds == seconds.rounded() && seconds < 1e15 ? String(Int64(seconds)) : "\(seconds)"
    }

    private static func format(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func pad(_ value: Int?, _ width: Int) -> String {
            let digits = String(value ?? 0)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(c.year, 4))-\(pad(c.month, 2))-\(pad(c.day, 2))T\(pad(c.hour, 2)):\(pad(c.minute, 2)):\(pad(c.second, 2))"
    }
}

public struct ReportClockError: Error, Equatable, CustomStringConvertible {
    public var value: String
    public var description: String {
        "SOURCE_DATE_EPOCH='\(value)' is not a Unix time in whole seconds; unset it or give e.g. 1795514400"
    }
}
