/// The season an abbreviation names; see `SeasonWarning` for a date in the other season.
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
}
