/// The time zone abbreviations guestlist understands, each mapped to the IANA zone of the region that
/// uses it, and the ones it refuses to guess.
///
/// An abbreviation names a region's clock, not a fixed offset: a sheet that says `EST` for a July event
/// means New York time, so `EST` and `EDT` both map to `America/New_York` and the date decides the
/// offset. Where the abbreviation's standard or daylight sense contradicts the date (`EST` in August),
/// the row keeps the region's clock and carries a warning (see `seasons`). Abbreviations shared by
/// several regions are listed in `ambiguous` with their candidates; a pipeline resolves them with
/// `normalize.timeZoneAliases` (for example `CST: America/Chicago`).
public enum TimeZoneAbbreviations {
    /// Unambiguous abbreviations (upper case) and their zones. This table is the documented contract.
    public static let zones: [String: String] = [
        // Universal time
        "UTC": "Etc/UTC", "GMT": "Etc/UTC", "UT": "Etc/UTC", "Z": "Etc/UTC", "ZULU": "Etc/UTC",
        // East Asia
        "JST": "Asia/Tokyo", "KST": "Asia/Seoul", "HKT": "Asia/Hong_Kong", "SGT": "Asia/Singapore",
        "PHT": "Asia/Manila", "PHST": "Asia/Manila", "MYT": "Asia/Kuala_Lumpur", "WIB": "Asia/Jakarta",
        "WITA": "Asia/Makassar", "WIT": "Asia/Jayapura", "ICT": "Asia/Bangkok", "PKT": "Asia/Karachi",
        "NPT": "Asia/Kathmandu", "AWST": "Australia/Perth",
        // North America
        "PST": "America/Los_Angeles", "PDT": "America/Los_Angeles", "PT": "America/Los_Angeles",
        "MST": "America/Denver", "MDT": "America/Denver", "MT": "America/Denver",
        "CDT": "America/Chicago", "CT": "America/Chicago",
        "EST": "America/New_York", "EDT": "America/New_York", "ET": "America/New_York",
        "ADT": "America/Halifax", "NST": "America/St_Johns", "NDT": "America/St_Johns",
        "AKST": "America/Anchorage", "AKDT": "America/Anchorage", "HST": "Pacific/Honolulu",
        // Europe and Africa
        "WET": "Europe/Lisbon", "WEST": "Europe/Lisbon", "CET": "Europe/Paris", "CEST": "Europe/Paris",
        "MET": "Europe/Paris", "MEST": "Europe/Paris", "EET": "Europe/Athens", "EEST": "Europe/Athens",
        "MSK": "Europe/Moscow", "SAST": "Africa/Johannesburg", "WAT": "Africa/Lagos",
        "CAT": "Africa/Maputo", "EAT": "Africa/Nairobi",
        // Oceania
        "AEST": "Australia/Sydney", "AEDT": "Australia/Sydney", "ACST": "Australia/Adelaide",
        "ACDT": "Australia/Adelaide", "NZST": "Pacific/Auckland", "NZDT": "Pacific/Auckland",
        // South America
        "BRT": "America/Sao_Paulo", "ART": "America/Argentina/Buenos_Aires",
    ]

    /// Abbreviations that several regions use; never guessed. Values are the candidate zones.
    public static let ambiguous: [String: [String]] = [
        "CST": ["America/Chicago", "Asia/Shanghai", "America/Havana"],
        "IST": ["Asia/Kolkata", "Europe/Dublin", "Asia/Jerusalem"],
        "BST": ["Europe/London", "Asia/Dhaka"],
        "AST": ["America/Halifax", "Asia/Riyadh"],
        "GST": ["Asia/Dubai", "Atlantic/South_Georgia"],
        "ECT": ["America/Guayaquil", "Europe/Paris"],
        "SST": ["Pacific/Pago_Pago", "Asia/Singapore"],
    ]
}
