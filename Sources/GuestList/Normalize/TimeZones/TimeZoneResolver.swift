import Foundation

/// Turns what a sheet says about a time zone into the canonical IANA id guestlist sends, or a sentence
/// saying why it cannot.
///
/// Accepted, in this order: the pipeline's `timeZoneAliases`; UTC offsets in any common spelling
/// (`+09:00`, `+0900`, `+9`, `UTC+9`, `GMT-05:00`) as `Etc/GMT∓N` — the sign is inverted, that is
/// POSIX's convention; the abbreviations of `TimeZoneAbbreviations`; IANA ids and links in any case
/// (`asia/tokyo`, `US/Eastern`); CLDR's Windows names (`Tokyo Standard Time`). Results, including the
/// zone's transition table, are cached per distinct spelling: a million rows use a dozen spellings.
/// An abbreviation that names a season (`EST`, `AEDT`) also brings that season, so the normalizer can
/// warn when the row's date is in the other one.
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
        reading(for: text).map(\.rules)
    }

    /// The zone `text` names, with its season when it is a seasonal abbreviation; cached per spelling.
    func reading(for text: String) -> Result<ZoneReading, NormalizationFailure> {
        if let hit = cache.entry(for: text) { return hit }
        let result = uncachedReading(for: text)
        cache.store(result, for: text)
        return result
    }

    private func uncachedReading(for text: String) -> Result<ZoneReading, NormalizationFailure> {
        switch resolution(for: text) {
        case .failure(let failure): return .failure(failure)
        case .success(let (id, abbreviation)):
            guard let rules = cache.rules(for: id) else {
                return .failure(NormalizationFailure(
                    "Time zone \(id) is not supported by this machine's time zone data; use another IANA id for the same place."))
            }
            let seasonal = abbreviation.flatMap { name in
                TimeZoneAbbreviations.seasons[name].map { SeasonWarning(abbreviation: name, season: $0, zone: id) }
            }
            return .success(ZoneReading(rules: rules, seasonal: seasonal))
        }
    }

    /// Resolution without the cache.
    func identifier(for raw: String) -> Result<String, NormalizationFailure> {
        resolution(for: raw).map(\.id)
    }

    /// Resolution without the cache; the rules of the type's documentation, in order. `abbreviation`
    /// is the upper-cased spelling when it was found in `TimeZoneAbbreviations.zones`.
    private func resolution(for raw: String) -> Result<(id: String, abbreviation: String?), NormalizationFailure> {
        var text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.unicodeScalars.contains(where: { !$0.isASCII }) {
            text = text.precomposedStringWithCompatibilityMapping.replacingOccurrences(of: "\u{2212}", with: "-")
        }
        if text.isEmpty {
            return .failure(NormalizationFailure("The time zone is missing; give an IANA id such as Asia/Tokyo, or set timeZone in the pipeline's defaults."))
        }
        let folded = Self.fold(text)
        if let target = aliases[folded] ?? UTCOffset(text).flatMap({ offsetAliases[$0.seconds] }) {
            if let id = TimeZoneIndex.shared.canonical[target.lowercased()] { return .success((id, nil)) }
            return .failure(NormalizationFailure(
                "The pipeline's timeZoneAliases maps \(text) to \(target), which is not an IANA time zone id."))
        }
        if let offset = UTCOffset(text) { return offset.zone(spelled: text).map { ($0, nil) } }
        let upper = text.uppercased()
        if let id = TimeZoneAbbreviations.zones[upper] { return .success((id, upper)) }
        if let candidates = TimeZoneAbbreviations.ambiguous[upper] {
            return .failure(NormalizationFailure(
                "Time zone \(text) is ambiguous: it could mean \(Self.list(candidates)); write the IANA id, or map \(upper) in the pipeline's normalize.timeZoneAliases."))
        }
        let lower = text.lowercased()
        if let id = TimeZoneIndex.shared.canonical[lower]
            ?? TimeZoneIndex.shared.canonical[lower.replacingOccurrences(of: " ", with: "_")] {
            return .success((id, nil))
        }
        if let windows = WindowsZoneIndex.shared.zones[lower],
           let id = TimeZoneIndex.shared.canonical[windows.lowercased()] {
            return .success((id, nil))
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
}
