import Foundation

/// Any JSON value: request bodies are decoded into it first, so that validation can name
/// every bad field at once, and uninterpreted parts (`payment`) can be echoed back as sent.
public enum SandboxJSONValue: Sendable, Codable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([SandboxJSONValue])
    case object([String: SandboxJSONValue])

    /// Parses a request body; `nil` when it is not JSON at all.
    static func parse(_ data: Data) -> SandboxJSONValue? {
        try? JSONDecoder().decode(SandboxJSONValue.self, from: data)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() {
            self = .null
        } else if let value = try? c.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? c.decode(Double.self) {
            self = .number(value)
        } else if let value = try? c.decode(String.self) {
            self = .string(value)
        } else if let value = try? c.decode([SandboxJSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try c.decode([String: SandboxJSONValue].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .null: try c.encodeNil()
        case .bool(let value): try c.encode(value)
        case .number(let value): try c.encode(value)
        case .string(let value): try c.encode(value)
        case .array(let value): try c.encode(value)
        case .object(let value): try c.encode(value)
        }
    }
}
