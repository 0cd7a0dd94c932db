import Foundation

/// SPEC §3's rule for free text: trim surrounding white space, compose to NFC, and treat an empty
/// result as absent. ASCII and common Japanese text (which NFC leaves alone) skip the Unicode work.
public enum TextNormalizer {
    /// The value to send, or nil when nothing is left.
    public static func normalize(_ raw: String) -> String? {
        let text = trim(raw)
        if text.isEmpty { return nil }
        return isSurelyNFC(text) ? text : text.precomposedStringWithCanonicalMapping
    }

    /// `raw` without leading and trailing white space; returns `raw` itself when there is none.
    public static func trim(_ raw: String) -> String {
        guard let first = raw.utf8.first, let last = raw.utf8.last else { return raw }
        if first > 0x20, first < 0x80, last > 0x20, last < 0x80 { return raw }
        return raw.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// True when every scalar is in a range NFC never changes: below U+0300, hiragana and katakana
    /// without the combining sound marks, CJK ideographs, Hangul syllables, full- and half-width forms.
    static func isSurelyNFC(_ text: String) -> Bool {
        for byte in text.utf8 where byte >= 0x80 {
            return text.unicodeScalars.allSatisfy { scalar in
                switch scalar.value {
                case 0..<0x300, 0x3000...0x3098, 0x309B...0x30FF, 0x4E00...0x9FFF, 0xAC00...0xD7A3, 0xFF01...0xFFEF:
                    return true
                default: return false
                }
            }
        }
        return true
    }

    /// The length the API counts: Unicode scalars.
    public static func length(_ text: String) -> Int {
        var ascii = true
        for byte in text.utf8 where byte >= 0x80 { ascii = false; break }
        return ascii ? text.utf8.count : text.unicodeScalars.count
    }
}
