/// `ccEmails` lists and likely domain typos.
extension EmailNormalizer {
    /// The result of normalizing a list of addresses.
    public struct ListResult: Sendable, Equatable {
        /// Normalized addresses, in order, without repeats or the guest's own address.
        public var emails: [String]
        /// Items that could not be normalized: the item's text and why.
        public var failures: [(item: String, failure: NormalizationFailure)]

        public static func == (lhs: ListResult, rhs: ListResult) -> Bool {
            lhs.emails == rhs.emails && lhs.failures.map(\.item) == rhs.failures.map(\.item)
                && lhs.failures.map(\.failure) == rhs.failures.map(\.failure)
        }
    }

    /// Splits a cell on `,` `;` white space and line breaks (a display name with its `<address>`
    /// stays one item), normalizes each, and drops `own` and repeats (compared case-insensitively).
    public func normalizeList(_ raw: String, excluding own: String? = nil) -> ListResult {
        var seen = Set<String>()
        if let own { seen.insert(own.lowercased()) }
        var result = ListResult(emails: [], failures: [])
        for item in Self.split(raw) {
            switch normalize(item) {
            case .success(let email):
                if seen.insert(email.lowercased()).inserted { result.emails.append(email) }
            case .failure(let failure):
                result.failures.append((item, failure))
            }
        }
        return result
    }

    /// Items of a list cell. Separators inside quotes or angle brackets do not split.
    static func split(_ raw: String) -> [String] {
        var segments: [String] = []
        var current = ""
        var quoted = false
        var angled = false
        for character in raw {
            switch character {
            case "\"": quoted.toggle()
            case "<": angled = true
            case ">": angled = false
            default: break
            }
            if !quoted, !angled, Self.listSeparators.contains(character) {
                segments.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        segments.append(current)
        var items: [String] = []
        for segment in segments {
            let trimmed = TextNormalizer.fullyTrimmed(segment)
            if trimmed.isEmpty { continue }
            // A segment with a display name is one address; otherwise white space separates addresses.
            if trimmed.contains("<") || trimmed.contains("\"") {
                items.append(trimmed)
            } else {
                items += trimmed.split(whereSeparator: { $0.isWhitespace }).map(String.init)
            }
        }
        return items
    }

    /// What separates items of a list cell, besides white space: ASCII and full-width commas and semicolons.
    static let listSeparators: Set<Character> = [",", ";", "\n", "\r", "\r\n", "，", "；", "、"]

    /// Domains most guests use, checked for one-keystroke typos.
    static let commonDomains = [
        "gmail.com", "googlemail.com", "yahoo.com", "hotmail.com", "outlook.com", "icloud.com", "live.com",
        "yahoo.co.jp", "docomo.ne.jp", "ezweb.ne.jp", "softbank.ne.jp", "i.softbank.jp", "hotmail.co.jp",
        "outlook.jp", "protonmail.com", "yahoo.co.uk", "hotmail.co.uk",
    ]
    /// Real domains one keystroke from a common one; never flagged.
    static let knownNeighbours: Set<String> = ["email.com", "ymail.com", "gmx.com", "mail.com", "live.co.uk", "outlook.co.jp"]

    /// Every domain one edit (over the letters, digits, `.` and `-` a normalized domain is made of)
    /// from a common domain, hashed, with the first common domain it is near: the per-row check is
    /// one hash and one probe. Built once, about 16,000 entries.
    private final class NearMissIndex: Sendable {
        /// The high half of each variant's `QuickHash`, low bit set; 0 marks an empty slot. Half a
        /// hash keeps the table (128 KiB) in the cache; a hit is confirmed byte by byte anyway.
        private let hashes: [UInt32]
        private let targets: [UInt8]

        static let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789.-".utf8)

        init(_ domains: [String]) {
            var hashes = [UInt32](repeating: 0, count: 1 << 15)
            var targets = [UInt8](repeating: 0, count: 1 << 15)
            let exact = Set(domains.map { Array($0.utf8).withUnsafeBufferPointer(Self.hash) })
            for (index, domain) in domains.enumerated() {
                let c = Array(domain.utf8)
                var variants: [[UInt8]] = []
                for i in c.indices {
                    var deleted = c
                    deleted.remove(at: i)
                    variants.append(deleted)
                    for letter in Self.alphabet where letter != c[i] {
                        var substituted = c
                        substituted[i] = letter
                        variants.append(substituted)
                    }
                    if i + 1 < c.count, c[i] != c[i + 1] {
                        var swapped = c
                        swapped.swapAt(i, i + 1)
                        variants.append(swapped)
                    }
                }
                for i in 0...c.count {
                    for letter in Self.alphabet {
                        var inserted = c
                        inserted.insert(letter, at: i)
                        variants.append(inserted)
                    }
                }
                for variant in variants {
                    let hash = variant.withUnsafeBufferPointer(Self.hash)
                    if exact.contains(hash) { continue }
                    let slot = Self.slot(for: hash, in: hashes)
                    if hashes[slot] == 0 {
                        hashes[slot] = UInt32(truncatingIfNeeded: hash >> 32) | 1
                        targets[slot] = UInt8(index)
                    }
                }
            }
            (self.hashes, self.targets) = (hashes, targets)
        }

        static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 { QuickHash.of(bytes) }

        private static func slot(for hash: UInt64, in hashes: [UInt32]) -> Int {
            let mask = hashes.count - 1
            let hash = UInt32(truncatingIfNeeded: hash >> 32) | 1
            var i = Int(truncatingIfNeeded: hash >> 1) & mask
            while hashes[i] != 0, hashes[i] != hash { i = (i + 1) & mask }
            return i
        }

        /// `.some(nil)` when `domain` is near no common domain (or is one), `.some(index)` when it
        /// is near one; nil when it holds a byte outside the alphabet and the table cannot say.
        func lookup(_ domain: UnsafeBufferPointer<UInt8>) -> Int?? {
            guard ByteClass.all(domain, have: ByteClass.domain) else { return nil }
            let hash = Self.hash(domain)
            let slot = Self.slot(for: hash, in: hashes)
            return .some(hashes[slot] == 0 ? nil : Int(targets[slot]))
        }
    }

    private static let nearMisses = NearMissIndex(commonDomains)

    /// The first common domain `domain` is one edit from; nil when it is one of them or near none.
    /// The index's fallback: for a domain it cannot hash, or a hit it hashed wrongly.
    private static func scanForNearMiss(_ domain: UnsafeBufferPointer<UInt8>) -> Int? {
        var match: Int?
        for (index, candidate) in commonDomains.enumerated() {
            let verdict = Array(candidate.utf8).withUnsafeBufferPointer { c -> Int in
                if c.elementsEqual(domain) { return 0 }
                return oneEditApart(domain, c) ? 1 : 2
            }
            if verdict == 0 { return nil }
            if verdict == 1, match == nil { match = index }
        }
        return match
    }

    /// A warning when the domain of a normalized `email` is one typo (a wrong, missing, extra or
    /// swapped character) away from a common domain, e.g. `gmial.com`. The row is still sent.
    public func typoWarning(for email: String) -> String? {
        let near: Int?? = email.utf8.withContiguousStorageIfAvailable { bytes -> Int? in
            guard let at = bytes.lastIndex(of: UInt8(ascii: "@")) else { return nil }
            let domain = UnsafeBufferPointer(rebasing: bytes[(at + 1)...])
            // The index answers for normalized domains; a hit is confirmed byte by byte.
            if let near = Self.nearMisses.lookup(domain) {
                guard let near else { return nil }
                if Self.commonDomains[near].utf8.withContiguousStorageIfAvailable({ Self.oneEditApart(domain, $0) }) == true {
                    return near
                }
            }
            return Self.scanForNearMiss(domain)
        }
        guard let near, let match = near else { return nil }
        let domain = String(email[email.index(after: email.lastIndex(of: "@")!)...])
        if Self.knownNeighbours.contains(domain) { return nil }
        return "Email \(email) may have a typo in its domain: did you mean \(Self.commonDomains[match])? It is sent as written."
    }

    /// True when one substitution, insertion, deletion or adjacent swap turns `x` into `y`.
    static func oneEditApart(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i < x.count, i < y.count, x[i] == y[i] { i += 1 }
        if x.count == y.count {
            if i == x.count { return false }
            if x[(i + 1)...].elementsEqual(y[(i + 1)...]) { return true }
            return i + 1 < x.count && x[i] == y[i + 1] && x[i + 1] == y[i] && x[(i + 2)...].elementsEqual(y[(i + 2)...])
        }
        if x.count + 1 == y.count { return x[i...].elementsEqual(y[(i + 1)...]) }
        if x.count == y.count + 1 { return x[(i + 1)...].elementsEqual(y[i...]) }
        return false
    }
}
