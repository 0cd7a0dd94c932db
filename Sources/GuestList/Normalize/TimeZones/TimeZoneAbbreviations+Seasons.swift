/// The season an abbreviation names, and the warning for a date in the other season.
extension TimeZoneAbbreviations {
    /// What an abbreviation says about its region's clock: standard or daylight (summer) time, and
    /// the UTC offset that the abbreviation literally stands for.
    public struct Season: Sendable, Equatable {
        public var isDaylight: Bool
        /// Seconds east of UTC.
        public var offset: Int

        static func standard(_ hours: Int, _ minutes: Int = 0) -> Season {
            Season(isDaylight: false, offset: hours * 3_600 + (hours < 0 ? -minutes : minutes) * 60)
        }

        static func daylight(_ hours: Int, _ minutes: Int = 0) -> Season {
            Season(isDaylight: true, offset: hours * 3_600 + (hours < 0 ? -minutes : minutes) * 60)
        }
    }

    /// The abbreviations of `zones` that name one season of a clock that has two. The rest — the
    /// generic `ET`, `PT`, `MT`, `CT`, `UTC`, and those of regions without daylight saving time
    /// (`JST`, `HST`, `AWST`, `MSK`, …) — never contradict a date.
    public static let seasons: [String: Season] = [
        "PST": .standard(-8), "PDT": .daylight(-7), "MST": .standard(-7), "MDT": .daylight(-6),
        "CDT": .daylight(-5), "EST": .standard(-5), "EDT": .daylight(-4), "ADT": .daylight(-3),
        "NST": .standard(-3, 30), "NDT": .daylight(-2, 30), "AKST": .standard(-9), "AKDT": .daylight(-8),
        "WET": .standard(0), "WEST": .daylight(1), "CET": .standard(1), "CEST": .daylight(2),
        "MET": .standard(1), "MEST": .daylight(2), "EET": .standard(2), "EEST": .daylight(3),
        "AEST": .standard(10), "AEDT": .daylight(11), "ACST": .standard(9, 30), "ACDT": .daylight(10, 30),
        "NZST": .standard(12), "NZDT": .daylight(13),
    ]

    /// The warning for a row whose zone is the abbreviation `name` while its region's clock is in
    /// the other season at the start: it names the offset used that day and how to say otherwise.
    ///
    /// - Parameters:
    ///   - zone: the region's canonical zone id.
    ///   - offset: the zone's offset at the start, seconds east of UTC.
    ///   - local: the start as wall time in the zone.
    static func seasonWarning(_ name: String, _ season: Season, zone: String, offset: Int, local: LocalDateTime) -> String {
        let used = season.isDaylight ? "standard time" : "summer time"
        let meant = UTCOffset(seconds: season.offset)
        let day = "\(LocalDateTime.pad(local.year, 4))-\(LocalDateTime.pad(local.month, 2))-\(LocalDateTime.pad(local.day, 2))"
        let instead: String
        if season.offset % 3_600 == 0 {
            instead = "write \(meant.text)"
        } else {
            // No fixed-offset IANA zone exists for a half hour: the offset goes with the start instead.
            let clock = "\(LocalDateTime.pad(local.hour, 2)):\(LocalDateTime.pad(local.minute, 2))"
            instead = "write the start with that offset, like \(day)T\(clock)\(meant.text)"
        }
        return "\(name) is read as \(possessive(place(of: zone))) clock, which is on \(used) (UTC\(UTCOffset(seconds: offset).prose)) on \(day); "
            + "if you meant UTC\(meant.prose) all year, \(instead); write \(zone) to keep this and silence the warning."
    }

    /// `America/New_York` → `New York`.
    static func place(of zone: String) -> String {
        String(zone.split(separator: "/").last ?? Substring(zone)).replacingOccurrences(of: "_", with: " ")
    }

    /// `New York's`, `St Johns'`.
    static func possessive(_ place: String) -> String {
        place.hasSuffix("s") ? place + "'" : place + "'s"
    }
}
