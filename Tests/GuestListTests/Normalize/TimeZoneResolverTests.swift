import Foundation
import Testing
@testable import GuestList

@Suite("TimeZoneResolver")
struct TimeZoneResolverTests {
    let resolver = TimeZoneResolver()

    static let ianaCases: [(String, String)] = [
        ("Asia/Tokyo", "Asia/Tokyo"), ("asia/tokyo", "Asia/Tokyo"), ("ASIA/TOKYO", "Asia/Tokyo"),
        ("  America/New_York ", "America/New_York"), ("america/new york", "America/New_York"),
        ("Europe/London", "Europe/London"), ("australia/sydney", "Australia/Sydney"),
        ("Asia/Kolkata", "Asia/Kolkata"), ("Asia/Calcutta", "Asia/Kolkata"), ("US/Eastern", "America/New_York"),
        ("US/Pacific", "America/Los_Angeles"), ("Japan", "Asia/Tokyo"), ("Asia/Saigon", "Asia/Ho_Chi_Minh"),
        ("Asia/Katmandu", "Asia/Kathmandu"), ("Europe/Kiev", "Europe/Kyiv"), ("GB", "Europe/London"),
        ("Etc/GMT-9", "Etc/GMT-9"), ("etc/gmt+5", "Etc/GMT+5"), ("Etc/UTC", "Etc/UTC"), ("Etc/GMT", "Etc/UTC"),
        ("Universal", "Etc/UTC"), ("Europe/Oslo", "Europe/Oslo"), ("America/Argentina/Buenos_Aires", "America/Argentina/Buenos_Aires"),
        ("America/Buenos_Aires", "America/Argentina/Buenos_Aires"), ("Pacific/Auckland", "Pacific/Auckland"),
    ]

    @Test("IANA ids in any case, links to their canonical zone", arguments: ianaCases)
    func iana(_ input: String, _ expected: String) {
        #expect(resolver.resolve(input) == .success(expected))
    }

    static let offsetCases: [(String, String)] = [
        ("+09:00", "Etc/GMT-9"), ("+0900", "Etc/GMT-9"), ("+9", "Etc/GMT-9"), ("+09", "Etc/GMT-9"),
        ("UTC+9", "Etc/GMT-9"), ("UTC+09:00", "Etc/GMT-9"), ("utc+9", "Etc/GMT-9"), ("GMT+9", "Etc/GMT-9"),
        ("GMT-05:00", "Etc/GMT+5"), ("GMT-5", "Etc/GMT+5"), ("-05:00", "Etc/GMT+5"), ("-0500", "Etc/GMT+5"),
        ("UTC -5", "Etc/GMT+5"), ("UTC−5", "Etc/GMT+5"), ("+14:00", "Etc/GMT-14"), ("-12:00", "Etc/GMT+12"),
        ("+00:00", "Etc/UTC"), ("-00:00", "Etc/UTC"), ("UTC+0", "Etc/UTC"), ("GMT+00:00", "Etc/UTC"),
        ("UTC", "Etc/UTC"), ("GMT", "Etc/UTC"), ("Z", "Etc/UTC"), ("z", "Etc/UTC"), ("+1", "Etc/GMT-1"),
        ("UT+3", "Etc/GMT-3"), ("+１０:００", "Etc/GMT-10"),
    ]

    @Test("UTC offsets in every common spelling map to Etc/GMT∓N (sign inverted)", arguments: offsetCases)
    func offsets(_ input: String, _ expected: String) {
        #expect(resolver.resolve(input) == .success(expected))
    }

    static let fractionalOffsets = ["+05:30", "+0530", "UTC+5:30", "+05:45", "-03:30", "+09:30", "+12:45"]

    @Test("offsets with no Etc zone are refused, asking for an IANA zone", arguments: fractionalOffsets)
    func fractionalOffset(_ input: String) throws {
        guard case .failure(let failure) = resolver.resolve(input) else { Issue.record("accepted \(input)"); return }
        #expect(failure.message.contains("IANA"))
        #expect(failure.message.contains(input))
    }

    @Test("out-of-range offsets are refused", arguments: ["+15:00", "-13", "UTC+20"])
    func outOfRange(_ input: String) {
        #expect(throws: NormalizationFailure.self) { try resolver.resolve(input).get() }
    }

    @Test("every documented abbreviation maps to its region's zone", arguments: TimeZoneAbbreviations.zones.sorted { $0.key < $1.key })
    func abbreviation(_ entry: (key: String, value: String)) {
        #expect(resolver.resolve(entry.key) == .success(entry.value))
        #expect(resolver.resolve(entry.key.lowercased()) == .success(entry.value))
        #expect(TimeZone(identifier: entry.value) != nil)
    }

    @Test("ambiguous abbreviations are refused with their candidates", arguments: TimeZoneAbbreviations.ambiguous.sorted { $0.key < $1.key })
    func ambiguous(_ entry: (key: String, value: [String])) throws {
        guard case .failure(let failure) = resolver.resolve(entry.key) else { Issue.record("guessed \(entry.key)"); return }
        #expect(failure.message.contains("ambiguous"))
        for candidate in entry.value { #expect(failure.message.contains(candidate)) }
        #expect(failure.message.contains("timeZoneAliases"))
    }

    @Test("timeZoneAliases resolve ambiguous abbreviations and fractional offsets")
    func aliases() {
        let custom = TimeZoneResolver(aliases: ["cst": "America/Chicago", "+05:30": "Asia/Calcutta", "IST": "Asia/Kolkata"])
        #expect(custom.resolve("CST") == .success("America/Chicago"))
        #expect(custom.resolve(" +05:30 ") == .success("Asia/Kolkata"))
        #expect(custom.resolve("ist") == .success("Asia/Kolkata"))
        #expect(custom.resolve("JST") == .success("Asia/Tokyo"))
        #expect(custom.resolve("+0530") == .success("Asia/Kolkata"))
        #expect(custom.resolve("UTC+5:30") == .success("Asia/Kolkata"))
        let broken = TimeZoneResolver(aliases: ["XYZ": "Mars/Olympus"])
        #expect(throws: NormalizationFailure.self) { try broken.resolve("XYZ").get() }
    }

    static let windowsCases: [(String, String)] = [
        ("Tokyo Standard Time", "Asia/Tokyo"), ("Eastern Standard Time", "America/New_York"),
        ("Pacific Standard Time", "America/Los_Angeles"), ("GMT Standard Time", "Europe/London"),
        ("W. Europe Standard Time", "Europe/Berlin"), ("AUS Eastern Standard Time", "Australia/Sydney"),
        ("India Standard Time", "Asia/Kolkata"), ("Nepal Standard Time", "Asia/Kathmandu"),
        ("FLE Standard Time", "Europe/Kyiv"), ("tokyo standard time", "Asia/Tokyo"),
        ("China Standard Time", "Asia/Shanghai"), ("Korea Standard Time", "Asia/Seoul"),
    ]

    @Test("Windows zone names map through CLDR's table", arguments: windowsCases)
    func windows(_ input: String, _ expected: String) {
        #expect(resolver.resolve(input) == .success(expected))
    }

    @Test("every Windows name in the shipped table resolves to a canonical zone")
    func everyWindowsName() {
        for line in WindowsZones.table.split(separator: "\n") {
            let name = String(line.split(separator: ">")[0])
            guard case .success(let id) = resolver.resolve(name) else { Issue.record("\(name) failed"); continue }
            #expect(TimeZoneIndex.shared.identifiers.contains(id), "\(name) → \(id)")
        }
    }

    @Test("unknown and empty zones are refused with a helpful message", arguments: ["Mars/Olympus", "Tokyo", "XYZ", "", "   "])
    func unknown(_ input: String) throws {
        guard case .failure(let failure) = resolver.resolve(input) else { Issue.record("accepted \(input)"); return }
        #expect(failure.message.contains("Asia/Tokyo"))
    }

    @Test("resolution works from the embedded snapshot alone, without tzdata.zi")
    func embeddedSnapshot() {
        let index = TimeZoneIndex(tzdataPath: nil)
        #expect(index.canonical["asia/kolkata"] == "Asia/Kolkata")
        #expect(index.canonical["asia/calcutta"] == "Asia/Kolkata")
        #expect(index.canonical["us/eastern"] == "America/New_York")
        #expect(index.canonical["etc/gmt-9"] == "Etc/GMT-9")
        #expect(index.canonical["america/new_york"] == "America/New_York")
        #expect(index.canonical.count > 500)
    }

    @Test("every canonical id that Foundation knows gets offset rules")
    func rulesForAll() {
        var missing: [String] = []
        for id in TimeZoneIndex.shared.identifiers where TimeZone(identifier: id) != nil {
            if ZoneRules(identifier: id) == nil { missing.append(id) }
        }
        #expect(missing.isEmpty)
    }
}
