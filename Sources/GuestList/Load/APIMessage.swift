import Foundation

/// Turns the API's error envelope into one readable line.
public enum APIMessage {
    /// `{"errors": {"email": ["is invalid"]}}` → `email: is invalid`; falls back to the raw body.
    public static func extract(from body: [UInt8]) -> String {
        guard !body.isEmpty else { return "no message" }
        if let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] {
            if let errors = object["errors"] as? [String: Any] {
                if errors.count == 1, let message = errors["message"] as? String { return message }
                if errors.count == 1, let messages = errors["message"] as? [String] { return messages.joined(separator: "; ") }
                let parts = errors.keys.sorted().map { key -> String in
                    let value = errors[key]
                    if let list = value as? [Any] { return "\(key): \(list.map { "\($0)" }.joined(separator: "; "))" }
                    return "\(key): \(value.map { "\($0)" } ?? "")"
                }
                if !parts.isEmpty { return parts.joined(separator: "; ") }
            }
            if let message = object["message"] as? String { return message }
            if let errors = object["errors"] as? String { return errors }
        }
        let text = String(decoding: body.prefix(300), as: UTF8.self)
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The booking uid from a 201 body (`{"data": {"uid": …}}`): scanned for in the common case, decoded
    /// when the scanner cannot follow the text.
    public static func bookingUid(from body: [UInt8]) -> String? {
        if let uid = BookingUidScanner.uid(in: body) { return uid }
        return (try? JSONDecoder().decode(CreatedEnvelope.self, from: Data(body)))?.data?.uid
    }

    private struct CreatedEnvelope: Decodable {
        struct Booking: Decodable { var uid: String? }
        var data: Booking?
    }
}
