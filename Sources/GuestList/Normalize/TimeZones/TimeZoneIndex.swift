import Foundation

/// Every IANA zone name and link, keyed by its lower-cased spelling, mapped to the canonical id that
/// guestlist sends. Built once per process.
///
/// Source: `/usr/share/zoneinfo/tzdata.zi` when present (so a newer system database wins), else the
/// embedded `TimeZoneDatabaseSnapshot`. A link is followed to its target unless the link's own name
/// is a canonical zone in the snapshot: builds of tzdata without `backzone` turn, say, `Europe/Oslo`
/// into a link to `Europe/Berlin`, and a Norwegian guest should still see Oslo.
struct TimeZoneIndex: Sendable {
    /// Lower-cased name → canonical id.
    let canonical: [String: String]
    /// The canonical ids themselves.
    let identifiers: Set<String>

    static let shared = TimeZoneIndex(tzdataPath: "/usr/share/zoneinfo/tzdata.zi")

    init(tzdataPath: String?) {
        var zones = Set(Self.words(TimeZoneDatabaseSnapshot.zones))
        var links: [String: String] = [:]
        for pair in Self.words(TimeZoneDatabaseSnapshot.links) {
            let parts = pair.split(separator: ">", maxSplits: 1)
            if parts.count == 2 { links[String(parts[0])] = String(parts[1]) }
        }
        let snapshotZones = zones
        if let path = tzdataPath, let text = try? String(contentsOfFile: path, encoding: .utf8) {
            var fileZones = Set<String>()
            var fileLinks: [String: String] = [:]
            for line in text.split(separator: "\n") where line.hasPrefix("Z ") || line.hasPrefix("L ") {
                let parts = line.split(separator: " ")
                if parts[0] == "Z", parts.count > 1 { fileZones.insert(String(parts[1])) }
                if parts[0] == "L", parts.count > 2 { fileLinks[String(parts[2])] = String(parts[1]) }
            }
            if fileZones.count > 100 {
                zones = fileZones.subtracting(["Factory"])
                links = fileLinks
            }
        }
        var map: [String: String] = [:]
        for zone in zones.union(snapshotZones) { map[zone.lowercased()] = zone }
        for (alias, _) in links where map[alias.lowercased()] == nil {
            var target = alias
            var hops = 0
            while let next = links[target], hops < 8 { target = next; hops += 1 }
            map[alias.lowercased()] = target
        }
        // A zero offset is sent as Etc/UTC however it was spelled (SPEC §3).
        for (key, value) in map where value == "Etc/GMT" || value == "Etc/UCT" || value == "Etc/Universal" {
            map[key] = "Etc/UTC"
        }
        canonical = map
        identifiers = Set(map.values)
    }

    private static func words(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
    }
}
