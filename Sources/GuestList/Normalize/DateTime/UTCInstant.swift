/// An instant as the API wants `startedAt`: UTC, to the millisecond, sent as `2030-03-16T02:00:00.000Z`.
///
/// Kept as a count of milliseconds rather than as that text: a row's start then costs no string
/// until something needs one, and the payload writer puts the digits straight into its buffer.
/// Every value has that form, because the range stops at the years a four-digit year can write.
public struct UTCInstant: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// Milliseconds since 1970-01-01T00:00:00Z.
    public let milliseconds: Int64

    /// 0000-01-01T00:00:00.000Z ... 9999-12-31T23:59:59.999Z.
    static let range: ClosedRange<Int64> = -62_167_219_200_000...253_402_300_799_999

    /// The instant `milliseconds` after the epoch; nil outside the years 0000–9999.
    public init?(milliseconds: Int64) {
        guard Self.range.contains(milliseconds) else { return nil }
        self.milliseconds = milliseconds
    }

    /// For the normalizer, whose instants lie in 1900–2199 by construction.
    init(checkedMilliseconds milliseconds: Int64) {
        self.milliseconds = milliseconds
    }

    /// Reads exactly the form the API is sent, `yyyy-MM-ddTHH:mm:ss.SSSZ`; nil for anything else,
    /// including a date or time that does not exist.
    public init?(iso text: String) {
        var copy = text
        guard let milliseconds = copy.withUTF8(Self.parse) else { return nil }
        self.milliseconds = milliseconds
    }

    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard bytes.count == 24 else { return nil }
        var digits: [Int] = []
        digits.reserveCapacity(17)
        for i in 0..<24 {
            let byte = bytes[i]
            switch i {
            case 4, 7: if byte != UInt8(ascii: "-") { return nil }
            case 10: if byte != UInt8(ascii: "T") { return nil }
            case 13, 16: if byte != UInt8(ascii: ":") { return nil }
            case 19: if byte != UInt8(ascii: ".") { return nil }
            case 23: if byte != UInt8(ascii: "Z") { return nil }
            default:
                guard byte >= 0x30, byte <= 0x39 else { return nil }
                digits.append(Int(byte - 0x30))
            }
        }
        func number(_ range: Range<Int>) -> Int { digits[range].reduce(0) { $0 * 10 + $1 } }
        let year = number(0..<4), month = number(4..<6), day = number(6..<8)
        let hour = number(8..<10), minute = number(10..<12), second = number(12..<14), millisecond = number(14..<17)
        guard month >= 1, month <= 12, day >= 1, day <= LocalDateTime.daysInMonth(year: year, month: month),
              hour < 24, minute < 60, second < 60 else { return nil }
        let local = LocalDateTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        return local.secondsAsUTC * 1_000 + Int64(millisecond)
    }

    /// Whole seconds since the epoch, rounded down, and the milliseconds past them.
    private var secondsAndMilliseconds: (seconds: Int64, millisecond: Int) {
        let seconds = milliseconds >= 0 ? milliseconds / 1_000 : (milliseconds - 999) / 1_000
        return (seconds, Int(milliseconds - seconds * 1_000))
    }

    /// `2030-03-16T02:00:00.000Z`.
    public var text: String {
        let (seconds, millisecond) = secondsAndMilliseconds
        return UTCTimestamp.format(seconds: seconds, millisecond: millisecond)
    }

    public var description: String { text }

    /// Stores `text`'s 24 bytes at `base`, without making a string: for the payload writer.
    func writeText(to base: UnsafeMutableRawPointer) {
        let (seconds, millisecond) = secondsAndMilliseconds
        UTCTimestamp.write(seconds: seconds, millisecond: millisecond, to: base)
    }

    public static func < (lhs: UTCInstant, rhs: UTCInstant) -> Bool { lhs.milliseconds < rhs.milliseconds }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let instant = UTCInstant(iso: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "\(text) is not a UTC time like 2030-03-16T02:00:00.000Z.")
        }
        self = instant
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }
}
