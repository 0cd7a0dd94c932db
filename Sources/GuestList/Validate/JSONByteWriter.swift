/// Writes JSON exactly as Foundation's `JSONEncoder` with `[.sortedKeys, .withoutEscapingSlashes]`
/// writes it on Linux (swift-foundation's `JSONWriter`), so a payload written by hand is byte for
/// byte the one the encoder would have made:
///
/// - no white space; members in the order the caller writes them, which must be the keys' UTF-8
///   byte order (what `.sortedKeys` means outside Apple's platforms);
/// - in strings, `"` and `\` escaped with a backslash, U+0008, U+0009, U+000A, U+000C and U+000D as
///   `\b \t \n \f \r`, the other controls below U+0020 as `\u00XX` with lower-case hex; everything
///   else, `/`, DEL, U+2028 and U+2029 included, as its own UTF-8 bytes;
/// - numbers as `Int64.description`, or as `Double.description` without a trailing `.0`.
///
/// The same writing runs twice over a `Sink`: once to count the bytes, once to store them into a
/// buffer of exactly that size, so a payload costs one allocation and no growth or per-byte checks.
struct JSONByteWriter<Sink: JSONSink> {
    var sink: Sink
    /// True after a value, when the next member or element needs a comma first.
    private var needsComma = false

    init(_ sink: Sink) {
        self.sink = sink
    }

    mutating func beginObject() {
        separate()
        sink.put(UInt8(ascii: "{"))
    }

    mutating func endObject() {
        sink.put(UInt8(ascii: "}"))
        needsComma = true
    }

    mutating func beginArray() {
        separate()
        sink.put(UInt8(ascii: "["))
    }

    mutating func endArray() {
        sink.put(UInt8(ascii: "]"))
        needsComma = true
    }

    /// A member's name; `name` is one of the API's field names, which need no escaping.
    mutating func key(_ name: StaticString) {
        separate()
        sink.put(UInt8(ascii: "\""))
        sink.put(UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        sink.put(UInt8(ascii: "\""))
        sink.put(UInt8(ascii: ":"))
    }

    /// A member's name that came from a sheet.
    mutating func key(_ name: String) {
        string(name)
        sink.put(UInt8(ascii: ":"))
        needsComma = false
    }

    mutating func string(_ value: String) {
        separate()
        sink.put(UInt8(ascii: "\""))
        if value.utf8.withContiguousStorageIfAvailable({ putEscaped($0) }) == nil {
            var copy = value
            copy.withUTF8 { putEscaped($0) }
        }
        sink.put(UInt8(ascii: "\""))
        needsComma = true
    }

    /// `UTCInstant.text` in quotes.
    mutating func instant(_ value: UTCInstant) {
        separate()
        sink.put(UInt8(ascii: "\""))
        sink.put(value)
        sink.put(UInt8(ascii: "\""))
        needsComma = true
    }

    mutating func bool(_ value: Bool) {
        separate()
        var text = value ? "true" : "false"
        text.withUTF8 { sink.put($0) }
        needsComma = true
    }

    /// A payment item's number, as `JSONScalar.encode(to:)` hands it to the encoder.
    mutating func number(_ value: Double) {
        separate()
        var text: String
        if JSONScalar.isSmallInteger(value) {
            text = Int64(value).description
        } else {
            text = value.description
            if text.hasSuffix(".0") { text.removeLast(2) }
        }
        text.withUTF8 { sink.put($0) }
        needsComma = true
    }

    private mutating func separate() {
        if needsComma { sink.put(UInt8(ascii: ",")) }
        needsComma = false
    }

    /// The string's bytes, escaped; runs that need no escape go whole, and a string without any
    /// (the usual case) is found so eight bytes at a time.
    private mutating func putEscaped(_ source: UnsafeBufferPointer<UInt8>) {
        var start = Self.cleanPrefix(source)
        if start == source.count {
            sink.put(source)
            return
        }
        var mark = 0
        while start < source.count {
            let byte = source[start]
            start += 1
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
            if start - 1 > mark { sink.put(UnsafeBufferPointer(rebasing: source[mark..<(start - 1)])) }
            mark = start
            sink.put(UInt8(ascii: "\\"))
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): sink.put(byte)
            case 0x08: sink.put(UInt8(ascii: "b"))
            case 0x09: sink.put(UInt8(ascii: "t"))
            case 0x0A: sink.put(UInt8(ascii: "n"))
            case 0x0C: sink.put(UInt8(ascii: "f"))
            case 0x0D: sink.put(UInt8(ascii: "r"))
            default:
                sink.put(UInt8(ascii: "u"))
                sink.put(UInt8(ascii: "0"))
                sink.put(UInt8(ascii: "0"))
                sink.put(Self.hexDigit(byte >> 4))
                sink.put(Self.hexDigit(byte & 0xF))
            }
        }
        if source.count > mark { sink.put(UnsafeBufferPointer(rebasing: source[mark...])) }
    }

    /// How many leading bytes need no escape, counted in whole eight-byte words: a word has none
    /// when no byte is below 0x20 and none equals `"` or `\`.
    private static func cleanPrefix(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        let raw = UnsafeRawPointer(base)
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        var i = 0
        while i + 8 <= bytes.count {
            let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            let control = (word &- ones &* 0x20) & ~word & highs
            let quote = word ^ (ones &* 0x22), backslash = word ^ (ones &* 0x5C)
            let special = ((quote &- ones) & ~quote | (backslash &- ones) & ~backslash) & highs
            if control | special != 0 { break }
            i += 8
        }
        while i < bytes.count {
            let byte = bytes[i]
            if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { break }
            i += 1
        }
        return i
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }
}

/// Where `JSONByteWriter` puts its bytes.
protocol JSONSink {
    mutating func put(_ byte: UInt8)
    mutating func put(_ bytes: UnsafeBufferPointer<UInt8>)
    /// The 24 bytes of `instant.text`.
    mutating func put(_ instant: UTCInstant)
}

/// Counts the bytes a payload needs.
struct JSONByteCount: JSONSink {
    private(set) var count = 0

    mutating func put(_ byte: UInt8) { count += 1 }
    mutating func put(_ bytes: UnsafeBufferPointer<UInt8>) { count += bytes.count }
    mutating func put(_ instant: UTCInstant) { count += 24 }
}

/// Stores bytes into a buffer that the count said is large enough.
struct JSONByteBuffer: JSONSink {
    let base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0

    init(_ base: UnsafeMutablePointer<UInt8>) {
        self.base = base
    }

    mutating func put(_ byte: UInt8) {
        base[count] = byte
        count += 1
    }

    mutating func put(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress else { return }
        (base + count).update(from: source, count: bytes.count)
        count += bytes.count
    }

    mutating func put(_ instant: UTCInstant) {
        instant.writeText(to: UnsafeMutableRawPointer(base + count))
        count += 24
    }
}
