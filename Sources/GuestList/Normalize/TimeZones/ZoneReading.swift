/// A time zone as a row spelled it: the zone's offset rules and, when the spelling was an
/// abbreviation that names one season (`EST`, `AEDT`), the warning for a date in the other one.
/// A class, so that a row's look-up in the resolver's cache copies one reference.
final class ZoneReading: Sendable {
    let rules: ZoneRules
    let seasonal: SeasonWarning?

    init(rules: ZoneRules, seasonal: SeasonWarning?) {
        self.rules = rules
        self.seasonal = seasonal
    }
}
