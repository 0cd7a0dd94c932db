/// HTML escaping for text and attribute values.
enum HTMLText {
    /// `value` safe inside element text and inside a double- or single-quoted attribute.
    ///
    /// Guest names, emails and API messages come from outside; escaping all five special characters
    /// everywhere (rather than choosing per context) means no value can open a tag or end an attribute.
    static func escaped(_ value: String) -> String {
        var out = ""
        out.unicodeScalars.reserveCapacity(value.unicodeScalars.count)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\u{00}"..."\u{08}", "\u{0B}", "\u{0E}"..."\u{1F}", "\u{7F}": out += "\u{FFFD}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
