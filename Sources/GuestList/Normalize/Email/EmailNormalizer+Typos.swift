/// Likely typos in an address's domain (`gmial.com`): a warning, never a problem.
extension EmailNormalizer {
    /// Domains most guests use, checked for one-keystroke typos.
    static let commonDomains = [
        "gmail.com", "googlemail.com", "yahoo.com", "hotmail.com", "outlook.com", "icloud.com", "live.com",
        "yahoo.co.jp", "docomo.ne.jp", "ezweb.ne.jp", "softbank.ne.jp", "i.softbank.jp", "hotmail.co.jp",
        "outlook.jp", "protonmail.com", "yahoo.co.uk", "hotmail.co.uk",
    ]
    /// Real domains one keystroke from a common one; never flagged.
    static let knownNeighbours: Set<String> = ["email.com", "ymail.com", "gmx.com", "mail.com", "live.co.uk", "outlook.co.jp"]

    private static let nearMisses = DomainNearMissIndex(commonDomains)

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
