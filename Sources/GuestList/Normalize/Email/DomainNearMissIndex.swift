/// Every domain one edit (over the letters, digits, `.` and `-` a normalized domain is made of)
/// from a common domain, hashed, with the first common domain it is near: the per-row check is
/// one hash and one probe. Built once, about 16,000 entries.
final class DomainNearMissIndex: Sendable {
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
