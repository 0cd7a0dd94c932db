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
