import Foundation

/// Cleans an email address the way an organiser's sheet writes it, then checks it.
///
/// Order (SPEC §3): trim; NFKC-fold full-width forms (`ｊｏｈｎ＠ｅｘａｍｐｌｅ．ｃｏｍ`); drop a display name
/// (`"Doe, Jane" <jane@example.com>`) and a `mailto:` prefix; lower-case the domain and encode a Unicode
/// domain as IDNA Punycode; then the HTML standard's valid-email rule, a dotted domain (`user@localhost`
/// is refused: the API would accept it and the guest would never hear of the booking), local part ≤ 64
/// and the whole ≤ 255. The local part keeps its case. A plain ASCII address that is already clean is
/// checked in one pass over its bytes and returned as is, without allocating.
public struct EmailNormalizer: Sendable {
    public init() {}

    /// The address to send, or why it cannot be sent.
    public func normalize(_ raw: String) -> Result<String, NormalizationFailure> {
        if let fast = fastPath(raw) { return fast }
        var text = TextNormalizer.trim(raw)
        if !TextNormalizer.isASCII(text) { text = TextNormalizer.trim(Self.foldWidth(text)) }
        if text.isEmpty { return .failure(NormalizationFailure("The email address is missing.")) }
        // The rest works on bytes: String's indices cost more than the rest of the row.
        var bytes = Array(text.utf8)
        if let open = bytes.lastIndex(of: UInt8(ascii: "<")) {
            guard bytes.last == UInt8(ascii: ">") else {
                return .failure(NormalizationFailure("Email \(TextNormalizer.fullyTrimmed(raw)) opens a < but never closes it with >."))
            }
            let inner = String(decoding: bytes[(open + 1)..<(bytes.count - 1)], as: UTF8.self)
            bytes = Array(TextNormalizer.trim(inner).utf8)
        }
        if bytes.count >= 2, bytes[0] == UInt8(ascii: "\""), bytes[bytes.count - 1] == UInt8(ascii: "\""),
           !bytes[1..<(bytes.count - 1)].contains(UInt8(ascii: "\"")) {
            bytes = Array(bytes[1..<(bytes.count - 1)])
        }
        if bytes.count >= 7, bytes[0..<7].elementsEqual("mailto:".utf8, by: { $0 | 0x20 == $1 }) {
            bytes.removeFirst(7)
            if let query = bytes.firstIndex(of: UInt8(ascii: "?")) { bytes.removeSubrange(query...) }
        }
        guard let at = bytes.lastIndex(of: UInt8(ascii: "@")) else {
            return .failure(NormalizationFailure("Email \(TextNormalizer.fullyTrimmed(raw)) has no @; write it like name@example.com."))
        }
        var email = Array(bytes[...at])
        let domain = bytes[(at + 1)...]
        if !domain.contains(where: { $0 >= 0x80 }) {
            for byte in domain { email.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte) }
        } else {
            guard let encoded = Self.idna(Self.lowercased(domain)) else {
                return .failure(NormalizationFailure("Email \(TextNormalizer.fullyTrimmed(raw)) has a domain that cannot be written as an internationalized domain name."))
            }
            email += encoded.utf8
        }
        if let failure = email.withUnsafeBufferPointer(Self.verdict).failure(shown: TextNormalizer.fullyTrimmed(raw)) {
            return .failure(failure)
        }
        return .success(String(decoding: email, as: UTF8.self))
    }

    /// A domain lower-cased as `String.lowercased()` does; Latin-1 letters are done by hand.
    static func lowercased(_ domain: ArraySlice<UInt8>) -> String {
        let text = String(decoding: domain, as: UTF8.self)
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x41...0x5A, 0xC0...0xD6, 0xD8...0xDE: scalars.append(Unicode.Scalar(scalar.value + 0x20)!)
            case 0..<0x80, 0xDF...0xFF: scalars.append(scalar)
            default: return text.lowercased()
            }
        }
        return String(scalars)
    }

    /// A clean ASCII address (no spaces, brackets, colons or upper-case domain) is checked and
    /// returned unchanged, in one pass over its bytes; anything else goes the long way.
    private func fastPath(_ raw: String) -> Result<String, NormalizationFailure>? {
        if raw.isEmpty { return nil }
        let verdict: Verdict?? = raw.utf8.withContiguousStorageIfAvailable(Self.fastVerdict)
        guard let verdict, let verdict else { return nil }
        if let failure = verdict.failure(shown: raw) { return .failure(failure) }
        return .success(raw)
    }

    /// The verdict on an address that needs no cleaning, or nil when it does.
    ///
    /// One pass for the common case — atext before the only `@`, lower-case labels after it — and the
    /// general two-pass check for anything else, so both always agree.
    private static func fastVerdict(_ bytes: UnsafeBufferPointer<UInt8>) -> Verdict? {
        let count = bytes.count
        var at = count - 1
        while at >= 0, bytes[at] != UInt8(ascii: "@") { at -= 1 }
        guard at > 0, at < count - 1, at <= 64, count <= 255,
              ByteClass.all(UnsafeBufferPointer(rebasing: bytes[..<at]), have: ByteClass.local) else { return checkedVerdict(bytes) }
        let clean: Bool = ByteClass.table.withUnsafeBufferPointer { table in
            var labelLength = 0
            var labels = 1
            var previous = UInt8(ascii: ".")
            for i in (at + 1)..<count {
                let byte = bytes[i]
                if table[Int(byte)] & ByteClass.lowerAlphanumeric != 0 || (byte == UInt8(ascii: "-") && labelLength > 0) {
                    labelLength += 1   // a lower-case letter, a digit or an inner hyphen
                    if labelLength > 63 { return false }
                } else if byte == UInt8(ascii: "."), labelLength > 0, previous != UInt8(ascii: "-") {
                    labels += 1
                    labelLength = 0
                } else {
                    return false
                }
                previous = byte
            }
            return labelLength > 0 && previous != UInt8(ascii: "-") && labels >= 2
        }
        return clean ? .valid : checkedVerdict(bytes)
    }

    /// `fastVerdict` for addresses off its common path: nil when the address needs cleaning first.
    private static func checkedVerdict(_ bytes: UnsafeBufferPointer<UInt8>) -> Verdict? {
        var sawAt = false
        for byte in bytes {
            // Bytes that send an address the long way: non-ASCII, space and controls, `<`, `:`, `"`.
            if byte >= 0x80 || byte <= 0x20 || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ":")
                || byte == UInt8(ascii: "\"") { return nil }
            if byte == UInt8(ascii: "@") { sawAt = true } else if sawAt, byte >= 0x41, byte <= 0x5A { return nil }
        }
        return verdict(bytes)
    }

    /// NFKC, with a fast path for what addresses in sheets contain: full-width ASCII (`ｊｏｈｎ＠…`),
    /// which NFKC maps by subtracting 0xFEE0, the ideographic space and full stops, and Latin letters
    /// with diacritics (`bücher`), which NFKC leaves alone. Anything else is folded by Foundation.
    static func foldWidth(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var needsNFKC = false
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0..<0x80: bytes.append(UInt8(truncatingIfNeeded: scalar.value))
            case 0xFF01...0xFF5E: bytes.append(UInt8(truncatingIfNeeded: scalar.value - 0xFEE0))
            case 0x3000: bytes.append(UInt8(ascii: " "))
            case 0x3002, 0xFF61: bytes.append(UInt8(ascii: "."))   // 。｡ ideographic full stops: UTS 46 maps them to "."
            default:
                bytes.append(contentsOf: UTF8.encode(scalar)!)
                if !isNFKCStable(scalar) { needsNFKC = true }
            }
        }
        let folded = String(decoding: bytes, as: UTF8.self)
        return needsNFKC ? folded.precomposedStringWithCompatibilityMapping : folded
    }

    /// Latin-1 and Latin Extended-A letters that NFKC maps to themselves (precomposed letters with
    /// diacritics; not the ligatures `Ĳ` `ĳ`, `Ŀ` `ŀ`, `ŉ` or the long s `ſ`, which it decomposes).
    static func isNFKCStable(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0xC0...0xFF, 0x100...0x131, 0x134...0x13E, 0x141...0x148, 0x14A...0x17E: return true
        default: return false
        }
    }

    /// Encodes each non-ASCII label of a lower-cased, NFKC-folded domain as `xn--…`.
    static func idna(_ domain: String) -> String? {
        var output: [UInt8] = []
        for (i, label) in domain.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false).enumerated() {
            if i > 0 { output.append(UInt8(ascii: ".")) }
            if !label.contains(where: { $0 >= 0x80 }) { output += label; continue }
            let text = String(decoding: label, as: UTF8.self)
            guard text.unicodeScalars.allSatisfy({ isLatinLetter($0) || $0.properties.isAlphabetic || $0.properties.numericType != nil
                || $0.properties.generalCategory == .nonspacingMark || $0 == "-" }) else { return nil }
            let composed = TextNormalizer.isSurelyNFC(text) ? text : text.precomposedStringWithCanonicalMapping
            guard let encoded = Punycode.encode(scalars: composed.unicodeScalars.map { Int($0.value) }) else { return nil }
            output += "xn--".utf8
            output += encoded
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// ASCII and Latin-1 letters, which need no look-up in Unicode's property tables.
    static func isLatinLetter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x41...0x5A, 0x61...0x7A, 0xC0...0xD6, 0xD8...0xF6, 0xF8...0xFF: return true
        default: return false
        }
    }

    /// The HTML standard's valid-email rule plus a dotted domain and the length limits.
    static func check(_ email: String, raw: String) -> NormalizationFailure? {
        var copy = email
        return copy.withUTF8 { verdict($0) }.failure(shown: TextNormalizer.fullyTrimmed(raw))
    }

    /// What is wrong with an address, found in one pass over its bytes; `.valid` when nothing is.
    enum Verdict {
        case valid, noAt, emptyLocal, badLocalByte(UInt8), localTooLong(Int), tooLong(Int), emptyDomain, badDomain, undotted

        func failure(shown: @autoclosure () -> String) -> NormalizationFailure? {
            let message: String
            switch self {
            case .valid: return nil
            case .noAt: message = "Email \(shown()) has no @; write it like name@example.com."
            case .emptyLocal: message = "Email \(shown()) has nothing before the @."
            case .badLocalByte(let byte):
                let what = byte == UInt8(ascii: "@") ? "a second @" : byte >= 0x80 ? "non-ASCII characters"
                    : byte < 0x21 ? "a space or control character" : "the character \(Character(Unicode.Scalar(byte)))"
                message = "Email \(shown()) has \(what) before the @, which email addresses cannot contain there."
            case .localTooLong(let count): message = "Email \(shown()) has \(count) characters before the @; at most 64 are allowed."
            case .tooLong(let count): message = "Email \(shown()) is \(count) characters long; at most 255 are allowed."
            case .emptyDomain: message = "Email \(shown()) has nothing after the @."
            case .badDomain:
                message = "Email \(shown()) has an invalid domain after the @: each part between dots must be letters, digits or inner hyphens, like example.com."
            case .undotted: message = "Email \(shown()) has no dot in its domain; use a full domain such as example.com."
            }
            return NormalizationFailure(message)
        }
    }

    static func verdict(_ bytes: UnsafeBufferPointer<UInt8>) -> Verdict {
        var at = bytes.count - 1
        while at >= 0, bytes[at] != UInt8(ascii: "@") { at -= 1 }
        if at < 0 { return .noAt }
        if at == 0 { return .emptyLocal }
        for i in 0..<at where !ByteClass.has(bytes[i], ByteClass.local) { return .badLocalByte(bytes[i]) }
        if at > 64 { return .localTooLong(at) }
        if bytes.count > 255 { return .tooLong(bytes.count) }
        if at == bytes.count - 1 { return .emptyDomain }
        var labelLength = 0
        var labels = 1
        var previous = UInt8(ascii: ".")
        for i in (at + 1)..<bytes.count {
            let byte = bytes[i]
            if byte == UInt8(ascii: ".") {
                if labelLength == 0 || previous == UInt8(ascii: "-") { return .badDomain }
                labels += 1
                labelLength = 0
            } else {
                guard ByteClass.has(byte, ByteClass.alphanumeric) || (byte == UInt8(ascii: "-") && labelLength > 0) else { return .badDomain }
                labelLength += 1
                if labelLength > 63 { return .badDomain }
            }
            previous = byte
        }
        if labelLength == 0 || previous == UInt8(ascii: "-") { return .badDomain }
        return labels < 2 ? .undotted : .valid
    }
}
