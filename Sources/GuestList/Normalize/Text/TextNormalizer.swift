import Foundation

/// SPEC §3's rule for free text: trim surrounding white space, compose to NFC, and treat an empty
/// result as absent. ASCII and common Japanese text (which NFC leaves alone) skip the Unicode work.
public enum TextNormalizer {
    /// The value to send, or nil when nothing is left.
    public static func normalize(_ raw: String) -> String? {
        if raw.isEmpty { return nil }
        if raw.utf8.withContiguousStorageIfAvailable(isTrimmedNFC) == true { return raw }
        let text = trim(raw)
        if text.isEmpty { return nil }
        return isSurelyNFC(text) ? text : text.precomposedStringWithCanonicalMapping
    }

    /// True when `bytes` (not empty) neither start nor end with white space and are surely NFC:
    /// ASCII, Latin-1 and the other scalars below U+0300, CJK ideographs and kana (three-byte
    /// sequences led by E3–E9, other than the combining sound marks U+3099 and U+309A). The common
    /// case, checked in one pass.
    private static func isTrimmedNFC(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = bytes.count
        let first = bytes[0], last = bytes[count - 1]
        guard first > 0x20, first != 0x7F, last > 0x20, last < 0x7F || last >= 0x80 && last < 0xC0 else { return false }
        var i = asciiWords(bytes)
        while i < count {
            let byte = bytes[i]
            if byte < 0x80 { i += 1; continue }
            if byte >= 0xC2, byte <= 0xCB, i + 1 < count {
                // U+0080–U+02FF: below the first combining mark. U+0085 and U+00A0 are white space at either end.
                if i == 0 || i + 2 == count, byte == 0xC2, bytes[i + 1] == 0x85 || bytes[i + 1] == 0xA0 { return false }
                i += 2
                continue
            }
            guard byte >= 0xE3, byte <= 0xE9, i + 2 < count else { return false }
            if byte == 0xE3 {
                // U+3000 (the ideographic space) is white space at either end.
                if i == 0 || i + 3 == count, bytes[i + 1] == 0x80, bytes[i + 2] == 0x80 { return false }
                if bytes[i + 1] == 0x82, bytes[i + 2] == 0x99 || bytes[i + 2] == 0x9A { return false }
                // U+3100–U+33FF is not in the ranges `isSurelyNFC` trusts.
                if bytes[i + 1] >= 0x84, bytes[i + 1] <= 0x8F { return false }
            }
            i += 3
        }
        return true
    }

    /// `raw` without leading and trailing white space; returns `raw` itself when there is none.
    public static func trim(_ raw: String) -> String {
        if raw.isEmpty { return raw }
        let plain: Bool? = raw.utf8.withContiguousStorageIfAvailable { bytes in
            let first = bytes[0], last = bytes[bytes.count - 1]
            return first > 0x20 && first < 0x80 && last > 0x20 && last < 0x80
        }
        if plain == true { return raw }
        let scalars = raw.unicodeScalars
        if let head = scalars.first, let tail = scalars.last, !isWhitespace(head), !isWhitespace(tail) { return raw }
        guard let start = scalars.firstIndex(where: { !isWhitespace($0) }) else { return "" }
        let end = scalars.lastIndex(where: { !isWhitespace($0) }) ?? start
        return String(scalars[start...end])
    }

    /// True when `raw` is empty or only white space; reads the bytes in place, without a copy.
    @inline(__always)
    public static func isBlank(_ raw: String) -> Bool {
        guard let first = raw.utf8.first else { return true }
        if first > 0x20, first < 0x80 { return false }
        return isBlankSlow(raw)
    }

    private static func isBlankSlow(_ raw: String) -> Bool {
        let plain: Bool? = raw.utf8.withContiguousStorageIfAvailable { bytes in
            let first = bytes[0], last = bytes[bytes.count - 1]
            return first > 0x20 && first < 0x80 || last > 0x20 && last < 0x80
        }
        if plain == true { return false }
        return raw.unicodeScalars.allSatisfy(isWhitespace)
    }

    /// Unicode's White_Space property, spelled out: the property lookup is slow on a hot path.
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    /// True when `text` is all ASCII; reads eight bytes at a time.
    public static func isASCII(_ text: some StringProtocol) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { bytes in
            var i = asciiWords(bytes)
            while i < bytes.count {
                if bytes[i] >= 0x80 { return false }
                i += 1
            }
            return true
        } ?? text.unicodeScalars.allSatisfy(\.isASCII)
    }

    /// How many leading bytes, in whole eight-byte words, are ASCII: where a byte-by-byte look starts.
    @inline(__always)
    static func asciiWords(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var i = 0
        guard let base = bytes.baseAddress else { return 0 }
        let raw = UnsafeRawPointer(base)
        while i + 8 <= bytes.count, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 { i += 8 }
        return i
    }

    /// Without any surrounding white space or line breaks, however long; for quoting raw values.
    public static func fullyTrimmed(_ raw: String) -> String {
        raw.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// True when every scalar is in a range NFC never changes: below U+0300, hiragana and katakana
    /// without the combining sound marks, CJK ideographs, Hangul syllables, full- and half-width forms.
    static func isSurelyNFC(_ text: some StringProtocol) -> Bool {
        if isASCII(text) { return true }
        return text.unicodeScalars.allSatisfy { scalar in
            switch scalar.value {
            case 0..<0x300, 0x3000...0x3098, 0x309B...0x30FF, 0x3400...0x9FFF, 0xAC00...0xD7A3, 0xFF01...0xFFEF:
                return true
            default: return false
            }
        }
    }

    /// The length the API counts: Unicode scalars.
    public static func length(_ text: String) -> Int {
        isASCII(text) ? text.utf8.count : text.unicodeScalars.count
    }
}
