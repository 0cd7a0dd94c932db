/// JSON string literals, written the same way by the ledger's text columns and the JSON report.
public enum JSONString {
    /// A JSON string literal for `value`.
    ///
    /// Quotes, backslashes and control characters are escaped (RFC 8259 §7); U+2028 and U+2029 are too,
    /// so the text can also be pasted into JavaScript. Everything else, Japanese included, stays as
    /// UTF-8 so the file remains readable.
    public static func quoted(_ value: String) -> String {
        var out = "\""
        out.unicodeScalars.reserveCapacity(value.unicodeScalars.count + 2)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\u{2028}", "\u{2029}", "\u{00}"..."\u{1F}":
                let hex = String(scalar.value, radix: 16, uppercase: false)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
