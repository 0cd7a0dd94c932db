/// Appends JSON to a byte buffer exactly as Foundation's `JSONEncoder` with
/// `[.sortedKeys, .withoutEscapingSlashes]` writes it on Linux (swift-foundation's `JSONWriter`), so a
/// payload written by hand is byte for byte the one the encoder would have made:
///
/// - no white space; members in the order the caller writes them, which must be the keys' UTF-8
///   byte order (what `.sortedKeys` means outside Apple's platforms);
/// - in strings, `"` and `\` escaped with a backslash, U+0008, U+0009, U+000A, U+000C and U+000D as
///   `\b \t \n \f \r`, the other controls below U+0020 as `\u00XX` with lower-case hex; everything
///   else, `/`, DEL, U+2028 and U+2029 included, as its own UTF-8 bytes;
/// - numbers as `Int64.description`, or as `Double.description` without a trailing `.0`.
struct JSONByteWriter {
    private(set) var bytes: [UInt8]
    /// True after a value, when the next member or element needs a comma first.
    private var needsComma = false

    init(capacity: Int) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    mutating func beginObject() {
        separate()
        bytes.append(UInt8(ascii: "{"))
    }

    mutating func endObject() {
        bytes.append(UInt8(ascii: "}"))
        needsComma = true
    }

    mutating func beginArray() {
        separate()
        bytes.append(UInt8(ascii: "["))
    }

    mutating func endArray() {
        bytes.append(UInt8(ascii: "]"))
        needsComma = true
    }

    /// A member's name; `name` is one of the API's field names, which need no escaping.
    mutating func key(_ name: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
    }

    /// A member's name that came from a sheet.
    mutating func key(_ name: String) {
        string(name)
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    mutating func string(_ value: String) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        if value.utf8.withContiguousStorageIfAvailable({ appendEscaped($0) }) == nil {
            var copy = value
            copy.withUTF8 { appendEscaped($0) }
        }
        bytes.append(UInt8(ascii: "\""))
        needsComma = true
    }

    /// `UTCInstant.text` in quotes, written in place.
    mutating func instant(_ value: UTCInstant) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        value.appendText(to: &bytes)
        bytes.append(UInt8(ascii: "\""))
        needsComma = true
    }

    mutating func bool(_ value: Bool) {
        separate()
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
        needsComma = true
    }

    /// A payment item's number, as `JSONScalar.encode(to:)` hands it to the encoder.
    mutating func number(_ value: Double) {
        separate()
        if JSONScalar.isSmallInteger(value) {
            bytes.append(contentsOf: Int64(value).description.utf8)
        } else {
            var text = value.description
            if text.hasSuffix(".0") { text.removeLast(2) }
            bytes.append(contentsOf: text.utf8)
        }
        needsComma = true
    }

    private mutating func separate() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
        needsComma = false
    }

    /// The string's bytes, escaped; runs that need no escape are copied whole.
    private mutating func appendEscaped(_ source: UnsafeBufferPointer<UInt8>) {
        var mark = 0
        for i in 0..<source.count {
            let byte = source[i]
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
            if i > mark { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[mark..<i])) }
            mark = i + 1
            bytes.append(UInt8(ascii: "\\"))
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
            case 0x08: bytes.append(UInt8(ascii: "b"))
            case 0x09: bytes.append(UInt8(ascii: "t"))
            case 0x0A: bytes.append(UInt8(ascii: "n"))
            case 0x0C: bytes.append(UInt8(ascii: "f"))
            case 0x0D: bytes.append(UInt8(ascii: "r"))
            default:
                bytes.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                          Self.hexDigit(byte >> 4), Self.hexDigit(byte & 0xF)])
            }
        }
        if source.count > mark { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[mark...])) }
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }
}
