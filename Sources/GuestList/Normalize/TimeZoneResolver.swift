import Foundation

/// Turns what a sheet says about a time zone into the canonical IANA id guestlist sends, or a sentence
/// saying why it cannot.
///
/// Accepted, in this order: the pipeline's `timeZoneAliases`; UTC offsets in any common spelling
/// (`+09:00`, `+0900`, `+9`, `UTC+9`, `GMT-05:00`) as `Etc/GMT∓N` — the sign is inverted, that is
/// POSIX's convention; the abbreviations of `TimeZoneAbbreviations`; IANA ids and links in any case
/// (`asia/tokyo`, `US/Eastern`); CLDR's Windows names (`Tokyo Standard Time`). Results, including the
/// zone's transition table, are cached per distinct spelling: a million rows use a dozen spellings.
public struct TimeZoneResolver: Sendable {
    private let aliases: [String: String]
    /// Aliases whose key is a UTC offset, by offset, so `+05:30` also matches `+0530` and `UTC+5:30`.
    private let offsetAliases: [Int: String]
    private let cache: Cache

    /// - Parameter aliases: extra names → IANA ids (the pipeline's `timeZoneAliases`); keys compare
    ///   case-insensitively and take precedence over every built-in rule.
    public init(aliases: [String: String] = [:]) {
        var folded: [String: String] = [:]
        var byOffset: [Int: String] = [:]
        for (key, value) in aliases {
            folded[Self.fold(key)] = value
            if let offset = UTCOffset(Self.fold(key)) { byOffset[offset.seconds] = value }
        }
        self.aliases = folded
        self.offsetAliases = byOffset
        self.cache = Cache()
    }

    /// The canonical IANA id for `text`.
    public func resolve(_ text: String) -> Result<String, NormalizationFailure> {
        rules(for: text).map(\.identifier)
    }

    /// The zone's offset rules for `text`, built once per zone and shared.
    public func rules(for text: String) -> Result<ZoneRules, NormalizationFailure> {
        if let hit = cache.entry(for: text) { return hit }
        let result = uncachedRules(for: text)
        cache.store(result, for: text)
        return result
    }

    private func uncachedRules(for text: String) -> Result<ZoneRules, NormalizationFailure> {
        switch identifier(for: text) {
        case .failure(let failure): return .failure(failure)
        case .success(let id):
            if let rules = cache.rules(for: id) { return .success(rules) }
            return .failure(NormalizationFailure(
                "Time zone \(id) is not supported by this machine's time zone data; use another IANA id for the same place."))
        }
    }

    /// Resolution without the cache; the rules of the type's documentation, in order.
    func identifier(for raw: String) -> Result<String, NormalizationFailure> {
        var text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.unicodeScalars.contains(where: { !$0.isASCII }) {
            text = text.precomposedStringWithCompatibilityMapping.replacingOccurrences(of: "\u{2212}", with: "-")
        }
        if text.isEmpty {
            return .failure(NormalizationFailure("The time zone is missing; give an IANA id such as Asia/Tokyo, or set timeZone in the pipeline's defaults."))
        }
        let folded = Self.fold(text)
        if let target = aliases[folded] ?? UTCOffset(text).flatMap({ offsetAliases[$0.seconds] }) {
            if let id = TimeZoneIndex.shared.canonical[target.lowercased()] { return .success(id) }
            return .failure(NormalizationFailure(
                "The pipeline's timeZoneAliases maps \(text) to \(target), which is not an IANA time zone id."))
        }
        if let offset = UTCOffset(text) { return offset.zone(spelled: text) }
        let upper = text.uppercased()
        if let id = TimeZoneAbbreviations.zones[upper] { return .success(id) }
        if let candidates = TimeZoneAbbreviations.ambiguous[upper] {
            return .failure(NormalizationFailure(
                "Time zone \(text) is ambiguous: it could mean \(Self.list(candidates)); write the IANA id, or map \(upper) in the pipeline's normalize.timeZoneAliases."))
        }
        let lower = text.lowercased()
        if let id = TimeZoneIndex.shared.canonical[lower]
            ?? TimeZoneIndex.shared.canonical[lower.replacingOccurrences(of: " ", with: "_")] {
            return .success(id)
        }
        if let windows = WindowsZoneIndex.shared.zones[lower],
           let id = TimeZoneIndex.shared.canonical[windows.lowercased()] {
            return .success(id)
        }
        return .failure(NormalizationFailure(
            "Time zone \(text) is not one guestlist knows; use an IANA id such as Asia/Tokyo or America/New_York, a UTC offset such as +09:00, or map it in the pipeline's normalize.timeZoneAliases."))
    }

    static func fold(_ key: String) -> String {
        key.trimmingCharacters(in: .whitespacesAndNewlines).uppercased()
    }

    static func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " or " + items[items.count - 1]
    }

    /// Resolutions by raw spelling and rule tables by zone id, shared by every copy of the resolver.
    ///
    /// The spellings sit in a small open-addressing table keyed by `QuickHash`: a row's lookup is
    /// two loads and a multiplication, a lock and usually one comparison, where a `Dictionary` would
    /// run SipHash and dynamic exclusivity checks on every row.
    private final class Cache: @unchecked Sendable {
        // `table` and `rulesByID` are guarded by `lock`: rows may be normalized on several threads.
        private let lock = NSLock()
        private let table = UnsafeMutablePointer<Table>.allocate(capacity: 1)
        private var rulesByID: [String: ZoneRules] = [:]

        init() { table.initialize(to: Table(capacity: 64)) }

        deinit {
            table.deinitialize(count: 1)
            table.deallocate()
        }

        struct Table {
            /// `QuickHash` of each slot's spelling (low bit set); 0 for an empty slot.
            var hashes: [UInt64]
            var keys: [String]
            var values: [Result<ZoneRules, NormalizationFailure>?]
            var used = 0

            init(capacity: Int) {
                hashes = Array(repeating: 0, count: capacity)
                keys = Array(repeating: "", count: capacity)
                values = Array(repeating: nil, count: capacity)
            }

            /// The slot holding `text`, or the empty slot where it would go.
            func slot(for text: String, hash: UInt64) -> Int {
                let mask = hashes.count - 1
                var i = Int(truncatingIfNeeded: hash >> 1) & mask
                while hashes[i] != 0 {
                    if hashes[i] == hash, keys[i] == text { return i }
                    i = (i + 1) & mask
                }
                return i
            }

            mutating func insert(_ value: Result<ZoneRules, NormalizationFailure>, for text: String, hash: UInt64) {
                if (used + 1) * 2 > hashes.count {
                    // Garbage spellings should not grow the cache without bound.
                    var grown = Table(capacity: used > 10_000 ? 64 : hashes.count * 2)
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

        static func hash(_ text: String) -> UInt64 {
            if let hash = text.utf8.withContiguousStorageIfAvailable(QuickHash.of) { return hash }
            var copy = text
            return copy.withUTF8(QuickHash.of)
        }

        func entry(for text: String) -> Result<ZoneRules, NormalizationFailure>? {
            let hash = Self.hash(text)
            lock.lock()
            defer { lock.unlock() }
            let i = table.pointee.slot(for: text, hash: hash)
            return table.pointee.values[i]
        }

        func store(_ result: Result<ZoneRules, NormalizationFailure>, for text: String) {
            let hash = Self.hash(text)
            lock.lock()
            defer { lock.unlock() }
            table.pointee.insert(result, for: text, hash: hash)
        }

        func rules(for id: String) -> ZoneRules? {
            lock.lock()
            if let rules = rulesByID[id] { lock.unlock(); return rules }
            lock.unlock()
            guard let rules = ZoneRules(identifier: id) else { return nil }
            lock.lock()
            defer { lock.unlock() }
            if let existing = rulesByID[id] { return existing }
            rulesByID[id] = rules
            return rules
        }
    }
}

/// CLDR's Windows zone names, lower-cased, parsed once from `WindowsZones.table`.
struct WindowsZoneIndex: Sendable {
    let zones: [String: String]
    static let shared = WindowsZoneIndex()

    private init() {
        var zones: [String: String] = [:]
        for line in WindowsZones.table.split(separator: "\n") {
            let parts = line.split(separator: ">", maxSplits: 1)
            if parts.count == 2 { zones[parts[0].lowercased()] = String(parts[1]) }
        }
        self.zones = zones
    }
}
