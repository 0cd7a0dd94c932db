/// A JSON string, number or boolean: the values a payment item may hold.
public enum JSONScalar: Codable, Sendable, Equatable, Hashable {
    case string(String)
    /// Always finite: JSON has no NaN or infinity, and decoding refuses a number too large for a Double.
    case number(Double)
    case bool(Bool)

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let d = try? c.decode(Double.self) {
            guard d.isFinite else {
                throw DecodingError.dataCorruptedError(in: c, debugDescription: "The number is too large to send.")
            }
            self = .number(d)
        }
        else { self = .string(try c.decode(String.self)) }
    }

    /// A whole number below 10^15 is written as an integer (`3000`, not `3000.0`), as a sheet's
    /// author wrote it; `BookingRequest.json()` writes numbers the same way.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .string(let s): try c.encode(s)
        case .number(let d):
            if Self.isSmallInteger(d) { try c.encode(Int64(d)) } else { try c.encode(d) }
        case .bool(let b): try c.encode(b)
        }
    }

    /// True when `value` is written as an integer.
    static func isSmallInteger(_ value: Double) -> Bool {
        value.rounded() == value && abs(value) < 1e15
    }
}
