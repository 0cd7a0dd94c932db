import NIOConcurrencyHelpers

extension TimeZoneResolver {
    /// Resolutions by raw spelling and rule tables by zone id, shared by every copy of the resolver
    /// behind one lock: rows may be normalized on several threads. A list uses a dozen spellings, so the
    /// cache stays small; garbage spellings (a column of free text mapped to `timeZone`) are not kept
    /// past 10,000.
    struct Cache: Sendable {
        private let state = NIOLockedValueBox(State())

        private struct State: Sendable {
            var spellings: [String: Result<ZoneReading, NormalizationFailure>] = [:]
            var rulesByID: [String: ZoneRules] = [:]
        }

        func entry(for text: String) -> Result<ZoneReading, NormalizationFailure>? {
            state.withLockedValue { $0.spellings[text] }
        }

        func store(_ result: Result<ZoneReading, NormalizationFailure>, for text: String) {
            state.withLockedValue { state in
                if state.spellings.count >= 10_000 { state.spellings.removeAll(keepingCapacity: true) }
                state.spellings[text] = result
            }
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
    }
}
