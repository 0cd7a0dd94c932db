/// The warning for a row whose zone is an abbreviation naming one season (`EST`) while its region's
/// clock is in the other season at the start (SPEC §3): it names the offset used that day and how to
/// say otherwise. The sentence is assembled once per spelling, so a row that warns pays for one string.
struct SeasonWarning: Sendable {
    let season: TimeZoneAbbreviations.Season
    /// "EST is read as New York's clock, which is on summer time (UTC".
    private let head: String
    /// "; if you meant UTC−05:00 all year, ".
    private let meant: String
    /// "; write America/New_York to keep this and silence the warning."
    private let tail: String
    /// The offset the abbreviation stands for, as a sheet would write it: `-05:00`.
    private let offsetText: String

    init(abbreviation name: String, season: TimeZoneAbbreviations.Season, zone: String) {
        self.season = season
        let place = String(zone.split(separator: "/").last ?? Substring(zone)).replacingOccurrences(of: "_", with: " ")
        let possessive = place.hasSuffix("s") ? place + "'" : place + "'s"
        let offset = UTCOffset(seconds: season.offset)
        head = "\(name) is read as \(possessive) clock, which is on \(season.isDaylight ? "standard" : "summer") time (UTC"
        meant = "; if you meant UTC\(offset.prose) all year, "
        tail = "; write \(zone) to keep this and silence the warning."
        offsetText = offset.text
    }

    /// The warning for a start at `local` wall time, when the zone's offset is `offset` (seconds east of UTC).
    func message(offset: Int, local: LocalDateTime) -> String {
        let day = local.dateText
        var text = ""
        text.reserveCapacity(head.utf8.count + meant.utf8.count + tail.utf8.count + 80)
        text += head
        text += UTCOffset(seconds: offset).prose
        text += ") on "
        text += day
        text += meant
        if season.offset % 3_600 == 0 {
            text += "write "
            text += offsetText
        } else {
            // No fixed-offset IANA zone exists for a half hour: the offset goes with the start instead.
            text += "write the start with that offset, like "
            text += day
            text += "T"
            text += local.clockText
            text += offsetText
        }
        text += tail
        return text
    }
}
