import Foundation

/// The sandbox's JSON conventions, shared by its responses and by clients that read the admin
/// endpoints: instants are UTC ISO 8601 strings with milliseconds (`2030-03-16T02:00:00.000Z`),
/// as the real API writes them.
public enum SandboxCoding {
    private static let withMilliseconds = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
    private static let withoutMilliseconds = Date.ISO8601FormatStyle()

    /// An encoder writing instants with milliseconds and keys in a stable order.
    public static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var c = encoder.singleValueContainer()
            try c.encode(formatInstant(date))
        }
        return encoder
    }

    /// A decoder reading instants with or without milliseconds.
    public static func makeDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let c = try decoder.singleValueContainer()
            let text = try c.decode(String.self)
            guard let date = parseDateTime(text) else {
                throw DecodingError.dataCorruptedError(in: c, debugDescription: "not an ISO 8601 date-time: \(text)")
            }
            return date
        }
        return decoder
    }

    /// `2030-03-16T02:00:00.000Z`.
    public static func formatInstant(_ date: Date) -> String {
        withMilliseconds.format(date)
    }

    /// Parses an ISO 8601 date-time with a `Z` or a numeric offset, with or without
    /// fractional seconds; `nil` for anything else (a date alone, a local time).
    public static func parseDateTime(_ text: String) -> Date? {
        let text = text.trimmingCharacters(in: .whitespaces)
        guard text.count >= 20, text.contains("T") else { return nil }
        if let date = try? withMilliseconds.parse(text) { return date }
        return try? withoutMilliseconds.parse(text)
    }

    /// Parses a query instant, which the API requires in UTC with `Z`.
    static func parseUTCInstant(_ text: String) -> Date? {
        guard text.hasSuffix("Z") else { return nil }
        return parseDateTime(text)
    }
}
