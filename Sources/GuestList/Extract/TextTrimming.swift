/// Whitespace trimming straight from UTF-8 bytes, because Foundation's `trimmingCharacters(in:)`
/// costs microseconds per call and the XML reader trims every field of every record.
enum TextTrimming {
    /// The bytes as a string without leading or trailing white space (ASCII or Unicode, such as
    /// U+3000 IDEOGRAPHIC SPACE and U+00A0 NO-BREAK SPACE).
    static func trimmedString(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard let first = bytes.first, let last = bytes.last else { return "" }
        // Fast path: ASCII, non-space at both ends.
        if first > 0x20 && first < 0x80 && last > 0x20 && last < 0x80 {
            return String(decoding: bytes, as: UTF8.self)
        }
        return trimmed(String(decoding: bytes, as: UTF8.self))
    }

    /// The string without leading or trailing white space.
    static func trimmed(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let start = scalars.firstIndex(where: { !isSpace($0) }) else { return "" }
        let end = scalars.lastIndex(where: { !isSpace($0) })!
        return String(scalars[start...end])
    }

    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value <= 0x20 ? (scalar.value == 0x20 || (0x09...0x0D).contains(scalar.value))
            : scalar.properties.isWhitespace
    }
}
