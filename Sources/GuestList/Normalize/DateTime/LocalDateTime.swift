/// A wall-clock date and time with no zone, as written in a sheet; the arithmetic the hot path needs
/// to turn it into an instant without Foundation's calendars and formatters.
public struct LocalDateTime: Sendable, Hashable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int
    public var hour: Int
    public var minute: Int
    public var second: Int
    public var millisecond: Int

    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0, millisecond: Int = 0) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
        self.millisecond = millisecond
    }

    /// Seconds since 1970-01-01 00:00 if this wall time were UTC (milliseconds excluded).
    public var secondsAsUTC: Int64 {
        Self.daysFromCivil(year: year, month: month, day: day) * 86_400
            + Int64(hour * 3_600 + minute * 60 + second)
    }

    /// `2030-03-10 02:30`, with seconds only when they are not zero: the form used in messages.
    public var description: String {
        var text = "\(Self.pad(year, 4))-\(Self.pad(month, 2))-\(Self.pad(day, 2)) \(Self.pad(hour, 2)):\(Self.pad(minute, 2))"
        if second != 0 || millisecond != 0 { text += ":\(Self.pad(second, 2))" }
        return text
    }

    /// The wall time `seconds` after the epoch, read as UTC.
    public init(secondsAsUTC seconds: Int64, millisecond: Int = 0) {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let rest = Int(seconds - days * 86_400)
        let (y, m, d) = Self.civilFromDays(days)
        self.init(year: y, month: m, day: d, hour: rest / 3_600, minute: rest % 3_600 / 60, second: rest % 60,
                  millisecond: millisecond)
    }

    /// Days in a month of the proleptic Gregorian calendar.
    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Howard Hinnant's `days_from_civil`: exact for every Gregorian date, no tables, no Foundation.
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = Int64((month + 9) % 12)
        let doy = (153 * mp + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The inverse of `daysFromCivil`.
    static func civilFromDays(_ days: Int64) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (Int(yoe + era * 400 + (m <= 2 ? 1 : 0)), Int(m), Int(d))
    }

    /// `2030-08-01`: the date alone, for messages.
    var dateText: String {
        guard (0...9_999).contains(year) else { return "\(Self.pad(year, 4))-\(Self.pad(month, 2))-\(Self.pad(day, 2))" }
        return Self.shortText(count: 10) { bytes in
            Self.put(year / 100, at: 0, in: bytes)
            Self.put(year % 100, at: 2, in: bytes)
            bytes[4] = UInt8(ascii: "-")
            Self.put(month, at: 5, in: bytes)
            bytes[7] = UInt8(ascii: "-")
            Self.put(day, at: 8, in: bytes)
        }
    }

    /// `09:30`: hours and minutes, for messages.
    var clockText: String {
        Self.shortText(count: 5) { bytes in
            Self.put(hour, at: 0, in: bytes)
            bytes[2] = UInt8(ascii: ":")
            Self.put(minute, at: 3, in: bytes)
        }
    }

    /// A string of at most 16 ASCII bytes written by `write`: short enough to need no allocation.
    private static func shortText(count: Int, _ write: (UnsafeMutableRawBufferPointer) -> Void) -> String {
        var storage: (UInt64, UInt64) = (0, 0)
        return withUnsafeMutableBytes(of: &storage) { bytes in
            write(bytes)
            return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[..<count]), as: UTF8.self)
        }
    }

    /// Two digits of `value` (0–99) at `offset`.
    private static func put(_ value: Int, at offset: Int, in bytes: UnsafeMutableRawBufferPointer) {
        bytes[offset] = UInt8(ascii: "0") + UInt8(value / 10)
        bytes[offset + 1] = UInt8(ascii: "0") + UInt8(value % 10)
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
