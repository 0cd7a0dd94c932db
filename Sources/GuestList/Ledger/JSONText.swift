import Foundation

/// Small JSON helpers for the ledger's text columns (arrays of strings).
enum JSONText {
    static func encode(_ strings: [String]) -> String {
        var out = "["
        for (i, s) in strings.enumerated() {
            if i > 0 { out += "," }
            out += quote(s)
        }
        return out + "]"
    }

    static func decodeStrings(_ text: String) -> [String] {
        guard let data = text.data(using: .utf8),
            let value = try? JSONSerialization.jsonObject(with: data) as? [String]
        else { return [] }
        return value
    }

    /// The report's JSON string escaper, so the ledger and the report escape text the same way.
    static func quote(_ s: String) -> String { JSONString.quoted(s) }
}
