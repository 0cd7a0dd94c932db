import GuestList

/// How many terminal cells text takes, following Unicode's East Asian Width (UAX #11).
///
/// Japanese names are common in guest lists; counting them as one cell per character would misalign
/// every table they appear in. Wide and fullwidth characters take two cells, combining marks and
/// zero-width characters none, everything else one. Ambiguous-width characters count as one, as
/// most terminals outside CJK locales draw them.
public enum TerminalCells {
    /// The cells `text` occupies, counted per grapheme cluster.
    public static func width(of text: String) -> Int {
        text.reduce(0) { $0 + width(of: $1) }
    }

    /// The cells one grapheme takes: an emoji or a wide base character 2, control characters 0.
    public static func width(of character: Character) -> Int {
        let scalars = character.unicodeScalars
        guard let base = scalars.first else { return 0 }
        if base.value < 0x20 || (0x7F..<0xA0).contains(base.value) { return 0 }
        if scalars.contains("\u{FE0F}") || base.properties.isEmojiPresentation { return 2 }
        if isZeroWidth(base) { return 0 }
        return isWide(base.value) ? 2 : 1
    }

    /// `text` cut to at most `maxWidth` cells, ending in `…` when anything was cut. Line breaks and tabs
    /// become spaces first, since one table cell must stay on one line.
    public static func truncate(_ text: String, toWidth maxWidth: Int) -> String {
        let flat = String(text.map { $0.isNewline || $0 == "\t" ? " " : $0 })
        guard width(of: flat) > maxWidth else { return flat }
        guard maxWidth > 0 else { return "" }
        var out = ""
        var used = 0
        for character in flat {
            let w = width(of: character)
            if used + w > maxWidth - 1 { break }
            out.append(character)
            used += w
        }
        return out + "…"
    }

    /// `text` followed by spaces up to `width` cells (nothing added when it is already as wide).
    public static func pad(_ text: String, toWidth target: Int) -> String {
        text + String(repeating: " ", count: max(0, target - width(of: text)))
    }

    private static func isZeroWidth(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return true
        default: return scalar.value == 0x200B
        }
    }

    /// East Asian Wide (W) and Fullwidth (F) ranges, condensed from EastAsianWidth.txt.
    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0...0x23F0, 0x23F3...0x23F3,
        0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F...0x267F, 0x2693...0x2693, 0x26A1...0x26A1,
        0x26AA...0x26AB, 0x26BD...0x26BE, 0x26C4...0x26C5, 0x26CE...0x26CE, 0x26D4...0x26D4, 0x26EA...0x26EA,
        0x26F2...0x26F3, 0x26F5...0x26F5, 0x26FA...0x26FA, 0x26FD...0x26FD, 0x2705...0x2705, 0x270A...0x270B,
        0x2728...0x2728, 0x274C...0x274C, 0x274E...0x274E, 0x2753...0x2755, 0x2757...0x2757, 0x2795...0x2797,
        0x27B0...0x27B0, 0x27BF...0x27BF, 0x2B1B...0x2B1C, 0x2B50...0x2B50, 0x2B55...0x2B55,
        0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F,
        0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
        0x16FE0...0x16FE4, 0x17000...0x18CFF, 0x1B000...0x1B2FF, 0x1F004...0x1F004, 0x1F0CF...0x1F0CF,
        0x1F18E...0x1F18E, 0x1F191...0x1F19A, 0x1F200...0x1F251, 0x1F300...0x1F64F, 0x1F680...0x1F6FF,
        0x1F900...0x1F9FF, 0x1FA70...0x1FAFF, 0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]

    private static func isWide(_ value: UInt32) -> Bool {
        var low = 0, high = wideRanges.count - 1
        while low <= high {
            let mid = (low + high) / 2
            if value < wideRanges[mid].lowerBound { high = mid - 1 } else if value > wideRanges[mid].upperBound {
                low = mid + 1
            } else { return true }
        }
        return false
    }
}
