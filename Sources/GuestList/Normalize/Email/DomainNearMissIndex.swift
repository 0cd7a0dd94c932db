/// Every domain one edit (over the letters, digits, `.` and `-` a normalized domain is made of)
/// from a common domain, with the first common domain it is near: the per-row check is one
/// dictionary look-up. Built once, about 16,000 entries.
final class DomainNearMissIndex: Sendable {
    private let nearest: [String: Int]

    static let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789.-".utf8)

    init(_ domains: [String]) {
        var nearest: [String: Int] = [:]
        let exact = Set(domains)
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
                let text = String(decoding: variant, as: UTF8.self)
                if !exact.contains(text), nearest[text] == nil { nearest[text] = index }
            }
        }
        self.nearest = nearest
    }

    /// `.some(nil)` when `domain` is near no common domain (or is one), `.some(index)` when it
    /// is near one; nil when it holds a byte outside the alphabet and the table cannot say.
    func lookup(_ domain: UnsafeBufferPointer<UInt8>) -> Int?? {
        guard ByteClass.all(domain, have: ByteClass.domain) else { return nil }
        return .some(nearest[String(decoding: domain, as: UTF8.self)])
    }
}
