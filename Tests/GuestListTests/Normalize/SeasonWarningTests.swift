import Testing
@testable import GuestList

/// SPEC §3: an abbreviation names its region's clock. Where its standard or daylight sense contradicts
/// the row's date, the row keeps the region's clock and carries a warning naming the offset used.
@Suite("Abbreviation season warnings")
struct SeasonWarningTests {
    let normalizer = RowNormalizer(options: NormalizeFixtures.options())

    /// Every abbreviation the resolver knows, with the offset a warning names on 2030-01-15 and on
    /// 2030-07-15 at noon local time, or nil where the row must not warn. North and south of the
    /// equator the seasons are opposite: `AEST` warns in January, `EST` in July.
    static let expectations: [String: (january: String?, july: String?)] = [
        // No season: universal time, generic names, regions without daylight saving time.
        "UTC": (nil, nil), "GMT": (nil, nil), "UT": (nil, nil), "Z": (nil, nil), "ZULU": (nil, nil),
        "JST": (nil, nil), "KST": (nil, nil), "HKT": (nil, nil), "SGT": (nil, nil), "PHT": (nil, nil),
        "PHST": (nil, nil), "MYT": (nil, nil), "WIB": (nil, nil), "WITA": (nil, nil), "WIT": (nil, nil),
        "ICT": (nil, nil), "PKT": (nil, nil), "NPT": (nil, nil), "AWST": (nil, nil), "HST": (nil, nil),
        "PT": (nil, nil), "MT": (nil, nil), "CT": (nil, nil), "ET": (nil, nil), "MSK": (nil, nil),
        "SAST": (nil, nil), "WAT": (nil, nil), "CAT": (nil, nil), "EAT": (nil, nil), "BRT": (nil, nil), "ART": (nil, nil),
        // North America: standard names warn in July, daylight names in January.
        "PST": (nil, "UTC−07:00"), "PDT": ("UTC−08:00", nil), "MST": (nil, "UTC−06:00"), "MDT": ("UTC−07:00", nil),
        "CDT": ("UTC−06:00", nil), "EST": (nil, "UTC−04:00"), "EDT": ("UTC−05:00", nil), "ADT": ("UTC−04:00", nil),
        "NST": (nil, "UTC−02:30"), "NDT": ("UTC−03:30", nil), "AKST": (nil, "UTC−08:00"), "AKDT": ("UTC−09:00", nil),
        // Europe.
        "WET": (nil, "UTC+01:00"), "WEST": ("UTC+00:00", nil), "CET": (nil, "UTC+02:00"), "CEST": ("UTC+01:00", nil),
        "MET": (nil, "UTC+02:00"), "MEST": ("UTC+01:00", nil), "EET": (nil, "UTC+03:00"), "EEST": ("UTC+02:00", nil),
        // Southern hemisphere: standard names warn in January, daylight names in July.
        "AEST": ("UTC+11:00", nil), "AEDT": (nil, "UTC+10:00"), "ACST": ("UTC+10:30", nil), "ACDT": (nil, "UTC+09:30"),
        "NZST": ("UTC+13:00", nil), "NZDT": (nil, "UTC+12:00"),
    ]

    @Test("the table covers every abbreviation the resolver knows")
    func coversEveryAbbreviation() {
        #expect(Set(Self.expectations.keys) == Set(TimeZoneAbbreviations.zones.keys))
        #expect(Set(TimeZoneAbbreviations.seasons.keys).isSubset(of: Set(TimeZoneAbbreviations.zones.keys)))
    }

    static let cases: [(String, String, String?)] = expectations.keys.sorted().flatMap { name in
        [(name, "2030-01-15 12:00", expectations[name]!.january), (name, "2030-07-15 12:00", expectations[name]!.july)]
    }

    @Test("warn or not, in both seasons, naming the offset used that day", arguments: cases)
    func season(_ name: String, _ start: String, _ offsetUsed: String?) throws {
        let row = normalizer.check(NormalizeFixtures.row(["startedAt": start, "timeZone": name]))
        let request = try #require(row.request, "\(row.problems)")
        let zone = try #require(TimeZoneAbbreviations.zones[name])
        #expect(request.timeZone?.identifier == zone)
        guard let offsetUsed else {
            #expect(row.warnings.isEmpty, "\(row.warnings)")
            return
        }
        #expect(row.warnings.count == 1)
        let warning = try #require(row.warnings.first)
        #expect(warning.field == "timeZone")
        #expect(warning.value == name)
        let season = try #require(TimeZoneAbbreviations.seasons[name])
        #expect(warning.message.hasPrefix("\(name) is read as "))
        #expect(warning.message.contains("(\(offsetUsed)) on \(start.prefix(10));"))
        #expect(warning.message.contains(season.isDaylight ? "on standard time" : "on summer time"))
        #expect(warning.message.contains("write \(zone) to keep this and silence the warning."))
        #expect(warning.message.hasSuffix("."))
        // The offset the abbreviation stands for is offered, as text the resolver reads.
        let meant = UTCOffset(seconds: season.offset)
        #expect(warning.message.contains("if you meant UTC\(meant.prose) all year"))
        if season.offset % 3_600 == 0 {
            #expect(warning.message.contains("write \(meant.text);"))
            #expect((try? normalizer.resolver.resolve(meant.text).get()) != nil)
        } else {
            #expect(warning.message.contains("write the start with that offset, like \(start.prefix(10))T12:00\(meant.text);"))
        }
    }

    @Test("the abbreviations' offsets are what their zones use in their own season")
    func nominalOffsets() throws {
        for (name, season) in TimeZoneAbbreviations.seasons {
            let rules = try #require(ZoneRules(identifier: TimeZoneAbbreviations.zones[name]!))
            // Mid-January and mid-July 2030, noon UTC: one of them is in the abbreviation's season.
            let instants: [Int64] = [1_894_708_800, 1_910_347_200]
            let inSeason = instants.filter { rules.isDaylightSavingTime(atUTC: $0) == season.isDaylight }
            #expect(inSeason.count == 1, "\(name)")
            #expect(inSeason.map(rules.offset(atUTC:)) == [season.offset], "\(name)")
        }
    }

    @Test("the issue's example, word for word")
    func example() {
        let row = normalizer.check(NormalizeFixtures.row(["startedAt": "2030-08-01 10:00", "timeZone": "EST"]))
        #expect(row.request?.startedAt?.text == "2030-08-01T14:00:00.000Z")
        #expect(row.warnings.map(\.message) == [
            "EST is read as New York's clock, which is on summer time (UTC−04:00) on 2030-08-01; if you meant UTC−05:00 all year, write -05:00; write America/New_York to keep this and silence the warning.",
        ])
    }

    @Test("lower case, an offset in the start, and the zone's own date near midnight")
    func spellings() {
        let lower = normalizer.check(NormalizeFixtures.row(["startedAt": "2030-08-01 10:00", "timeZone": " est "]))
        #expect(lower.warnings.first?.message.hasPrefix("EST is read as New York's clock") == true)
        // The start's own offset pins the instant; the zone sent is still New York's clock.
        let pinned = normalizer.check(NormalizeFixtures.row(["startedAt": "2030-08-01T10:00:00-05:00", "timeZone": "EST"]))
        #expect(pinned.request?.startedAt?.text == "2030-08-01T15:00:00.000Z")
        #expect(pinned.warnings.count == 1)
        // 23:30 on 31 July in Sydney is already 1 August in UTC; the message names Sydney's date.
        let sydney = normalizer.check(NormalizeFixtures.row(["startedAt": "2030-07-31 23:30", "timeZone": "AEDT"]))
        #expect(sydney.warnings.first?.message.contains("on standard time (UTC+10:00) on 2030-07-31;") == true)
    }

    @Test("IANA ids, offsets, Windows names and the pipeline's aliases never warn",
          arguments: ["America/New_York", "-05:00", "Eastern Standard Time", "US/Eastern"])
    func notAbbreviations(_ zone: String) {
        let row = normalizer.check(NormalizeFixtures.row(["startedAt": "2030-07-15 12:00", "timeZone": zone]))
        #expect(row.request != nil)
        #expect(row.warnings.isEmpty)
    }

    @Test("an alias is the organiser's own definition: no warning")
    func alias() {
        let aliased = RowNormalizer(options: NormalizeFixtures.options(aliases: ["CST": "America/Chicago", "EST": "America/New_York"]))
        for zone in ["CST", "EST"] {
            let row = aliased.check(NormalizeFixtures.row(["startedAt": "2030-07-15 12:00", "timeZone": zone]))
            #expect(row.request != nil)
            #expect(row.warnings.isEmpty)
        }
    }

    @Test("a DST gap is still a problem, not a season warning")
    func gap() {
        let row = normalizer.check(NormalizeFixtures.row(["startedAt": "2030-03-10 02:30", "timeZone": "EST"]))
        #expect(row.request == nil)
        #expect(row.warnings.isEmpty)
    }
}
