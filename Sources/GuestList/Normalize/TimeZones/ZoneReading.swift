/// A time zone as a row spelled it: the zone's offset rules and, when the spelling was an
/// abbreviation that names one season (`EST`, `AEDT`), that abbreviation and its season.
struct ZoneReading: Sendable {
    let rules: ZoneRules
    let seasonal: (name: String, season: TimeZoneAbbreviations.Season)?
}
