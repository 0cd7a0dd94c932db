/// Formats instants the way the API wants them, `2030-03-16T02:00:00.000Z`, without a DateFormatter.
public enum UTCTimestamp {
    /// `00` … `99` as two ASCII bytes in memory order, so a pair of digits is one store.
    private static let digitPairs: [UInt16] = (0..<100).map { (n: Int) -> UInt16 in
        let tens = UInt16(0x30 + n / 10), ones = UInt16(0x30 + n % 10)
        return UInt16(littleEndian: tens | ones << 8)
    }

    /// The ISO 8601 UTC form with milliseconds of `seconds` (+ `millisecond`) after the epoch.
    public static func format(seconds: Int64, millisecond: Int) -> String {
        String(unsafeUninitializedCapacity: 24) { buffer in
            write(seconds: seconds, millisecond: millisecond, to: UnsafeMutableRawPointer(buffer.baseAddress!))
            return 24
        }
    }

    /// Stores the 24 bytes of `format(seconds:millisecond:)` at `base`.
    static func write(seconds: Int64, millisecond: Int, to base: UnsafeMutableRawPointer) {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let rest = Int(seconds - days * 86_400)
        let (year, month, day) = LocalDateTime.civilFromDays(days)
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
    }
}
