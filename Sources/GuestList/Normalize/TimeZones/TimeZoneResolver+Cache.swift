import NIOConcurrencyHelpers

extension TimeZoneResolver {
    /// Resolutions by raw spelling and rule tables by zone id, shared by every copy of the resolver
    /// behind one lock: rows may be normalized on several threads.
    ///
    /// The spellings sit in a small open-addressing table keyed by `QuickHash`: a row's lookup is
    /// two loads and a multiplication, a lock and usually one comparison, where a `Dictionary` would
    /// run SipHash on every row.
    struct Cache: Sendable {
        private let state = NIOLockedValueBox(State())

        private struct State: Sendable {
            var spellings = SpellingTable(capacity: 64)
            var rulesByID: [String: ZoneRules] = [:]
        }

        func entry(for text: String) -> Result<ZoneReading, NormalizationFailure>? {
            let hash = Self.hash(text)
            return state.withLockedValue { $0.spellings.value(for: text, hash: hash) }
        }

        func store(_ result: Result<ZoneReading, NormalizationFailure>, for text: String) {
            let hash = Self.hash(text)
            state.withLockedValue { $0.spellings.insert(result, for: text, hash: hash) }
        }

        /// The rules of zone `id`, built outside the lock (it takes a while) the first time.
        func rules(for id: String) -> ZoneRules? {
            if let rules = state.withLockedValue({ $0.rulesByID[id] }) { return rules }
            guard let rules = ZoneRules(identifier: id) else { return nil }
            return state.withLockedValue { state in
                if let existing = state.rulesByID[id] { return existing }
                state.rulesByID[id] = rules
                return rules
            }
        }

        static func hash(_ text: String) -> UInt64 {
            if let hash = text.utf8.withContiguousStorageIfAvailable(QuickHash.of) { return hash }
            var copy = text
            return copy.withUTF8(QuickHash.of)
        }
    }

    /// Spelling → resolution, open addressing with linear probing.
    struct SpellingTable: Sendable {
        /// `QuickHash` of each slot's spelling (low bit set); 0 for an empty slot.
        private var hashes: [UInt64]
        private var keys: [String]
        private var values: [Result<ZoneReading, NormalizationFailure>?]
        private var used = 0

        init(capacity: Int) {
            hashes = Array(repeating: 0, count: capacity)
            keys = Array(repeating: "", count: capacity)
            values = Array(repeating: nil, count: capacity)
        }

        func value(for text: String, hash: UInt64) -> Result<ZoneReading, NormalizationFailure>? {
            values[slot(for: text, hash: hash)]
        }

        /// The slot holding `text`, or the empty slot where it would go.
        private func slot(for text: String, hash: UInt64) -> Int {
            let mask = hashes.count - 1
            var i = Int(truncatingIfNeeded: hash >> 1) & mask
            while hashes[i] != 0 {
                if hashes[i] == hash, keys[i] == text { return i }
                i = (i + 1) & mask
            }
            return i
        }

        mutating func insert(_ value: Result<ZoneReading, NormalizationFailure>, for text: String, hash: UInt64) {
            if (used + 1) * 2 > hashes.count {
                // Garbage spellings should not grow the cache without bound.
                var grown = SpellingTable(capacity: used > 10_000 ? 64 : hashes.count * 2)
                if used <= 10_000 {
                    for i in hashes.indices where hashes[i] != 0 {
                        grown.insert(values[i]!, for: keys[i], hash: hashes[i])
                    }
                }
                self = grown
            }
            let i = slot(for: text, hash: hash)
            if hashes[i] == 0 { used += 1 }
            hashes[i] = hash
            keys[i] = text
            values[i] = value
        }
    }
}
