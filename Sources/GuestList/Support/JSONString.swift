/// JSON string literals, written the same way by the ledger's text columns and the JSON report.
///
/// Quotes, backslashes and control characters are escaped (RFC 8259 §7); U+2028 and U+2029 are too, so
/// the text can also be pasted into JavaScript. Everything else, Japanese included, stays as UTF-8 so
/// the file remains readable. Written over the UTF-8 bytes, copying runs that need no escape whole: the
/// ledger writes a row's original cells this way, and a report every text field of every row.
public enum JSONString {
    /// A JSON string literal for `value`.
    public static func quoted(_ value: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(value.utf8.count + 2)
        append(value, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the literal for `value` to `out`.
    public static func append(_ value: String, to out: inout [UInt8]) {
        out.append(quote)
        var value = value
        value.withUTF8 { bytes in
            var start = 0
            var i = 0
            while i < bytes.count {
                let byte = bytes[i]
                if byte >= 0x20, byte != quote, byte != backslash, byte != 0xE2 {
                    i += 1
                    continue
                }
                var width = 1
                let escape: StaticString
                switch byte {
                case quote: escape = "\\\""
                case backslash: escape = "\\\\"
                case 0x0A: escape = "\\n"
                case 0x0D: escape = "\\r"
                case 0x09: escape = "\\t"
                case 0x08: escape = "\\b"
                case 0x0C: escape = "\\f"
                case 0xE2:
                    // U+2028 and U+2029 are E2 80 A8 and E2 80 A9; any other E2 sequence is plain text.
                    guard i + 2 < bytes.count, bytes[i + 1] == 0x80, bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9 else {
                        i += 1
                        continue
                    }
                    escape = bytes[i + 2] == 0xA8 ? "\\u2028" : "\\u2029"
                    width = 3
                default:
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i]))
                    out.append(contentsOf: [backslash, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]])
                    i += 1
                    start = i
                    continue
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i]))
                escape.withUTF8Buffer { out.append(contentsOf: $0) }
                i += width
                start = i
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<bytes.count]))
        }
        out.append(quote)
    }

    private static let quote = UInt8(ascii: "\"")
    private static let backslash = UInt8(ascii: "\\")
    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)
}
