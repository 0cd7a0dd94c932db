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

    static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}

/// Formats instants the way the API wants them, `2030-03-16T02:00:00.000Z`, without a DateFormatter.
public enum UTCTimestamp {
    /// `00` … `99` as two ASCII bytes in memory order, so a pair of digits is one store.
    private static let digitPairs: [UInt16] = (0..<100).map { (n: Int) -> UInt16 in
        let tens = UInt16(0x30 + n / 10), ones = UInt16(0x30 + n % 10)
        return UInt16(littleEndian: tens | ones << 8)
    }

    /// The ISO 8601 UTC form with milliseconds of `seconds` (+ `millisecond`) after the epoch.
    public static func format(seconds: Int64, millisecond: Int) -> String {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let rest = Int(seconds - days * 86_400)
        let (year, month, day) = LocalDateTime.civilFromDays(days)
        return String(unsafeUninitializedCapacity: 24) { buffer in
            let base = UnsafeMutableRawPointer(buffer.baseAddress!)
            Self.digitPairs.withUnsafeBufferPointer { pairs in
                let hour = rest / 3_600, minute = rest / 60 % 60, second = rest % 60
                base.storeBytes(of: pairs[year / 100 % 100], toByteOffset: 0, as: UInt16.self)
                base.storeBytes(of: pairs[year % 100], toByteOffset: 2, as: UInt16.self)
                base.storeBytes(of: UInt8(ascii: "-"), toByteOffset: 4, as: UInt8.self)
                base.storeBytes(of: pairs[month], toByteOffset: 5, as: UInt16.self)
                base.storeBytes(of: UInt8(ascii: "-"), toByteOffset: 7, as: UInt8.self)
                base.storeBytes(of: pairs[day], toByteOffset: 8, as: UInt16.self)
                base.storeBytes(of: UInt8(ascii: "T"), toByteOffset: 10, as: UInt8.self)
                base.storeBytes(of: pairs[hour], toByteOffset: 11, as: UInt16.self)
                base.storeBytes(of: UInt8(ascii: ":"), toByteOffset: 13, as: UInt8.self)
                base.storeBytes(of: pairs[minute], toByteOffset: 14, as: UInt16.self)
                base.storeBytes(of: UInt8(ascii: ":"), toByteOffset: 16, as: UInt8.self)
                base.storeBytes(of: pairs[second], toByteOffset: 17, as: UInt16.self)
                base.storeBytes(of: UInt8(ascii: "."), toByteOffset: 19, as: UInt8.self)
                base.storeBytes(of: UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: millisecond / 100), toByteOffset: 20, as: UInt8.self)
                base.storeBytes(of: pairs[millisecond % 100], toByteOffset: 21, as: UInt16.self)
                base.storeBytes(of: UInt8(ascii: "Z"), toByteOffset: 23, as: UInt8.self)
            }
            return 24
        }
    }
}
