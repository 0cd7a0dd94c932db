import Foundation
import Testing
@testable import GuestList

/// Every 2030 DST edge in New York, London and Sydney: the minute before, inside and after each
/// gap and overlap, under each `normalize.dst` policy.
@Suite("Daylight saving edges")
struct DaylightSavingTests {
    enum Expect: Sendable, CustomStringConvertible {
        case instant(String)
        case gap
        case overlap
        var description: String {
            switch self {
            case .instant(let s): return s
            case .gap: return "gap"
            case .overlap: return "overlap"
            }
        }
    }

    static let edges: [(String, String, Expect)] = [
        // New York: 2030-03-10 02:00 EST → 03:00 EDT; 2030-11-03 02:00 EDT → 01:00 EST.
        ("America/New_York", "2030-03-10 01:59", .instant("2030-03-10T06:59:00.000Z")),
        ("America/New_York", "2030-03-10 02:00", .gap), ("America/New_York", "2030-03-10 02:30", .gap),
        ("America/New_York", "2030-03-10 02:59", .gap),
        ("America/New_York", "2030-03-10 03:00", .instant("2030-03-10T07:00:00.000Z")),
        ("America/New_York", "2030-11-03 00:59", .instant("2030-11-03T04:59:00.000Z")),
        ("America/New_York", "2030-11-03 01:00", .overlap), ("America/New_York", "2030-11-03 01:30", .overlap),
        ("America/New_York", "2030-11-03 01:59", .overlap),
        ("America/New_York", "2030-11-03 02:00", .instant("2030-11-03T07:00:00.000Z")),
        // London: 2030-03-31 01:00 GMT → 02:00 BST; 2030-10-27 02:00 BST → 01:00 GMT.
        ("Europe/London", "2030-03-31 00:59", .instant("2030-03-31T00:59:00.000Z")),
        ("Europe/London", "2030-03-31 01:00", .gap), ("Europe/London", "2030-03-31 01:30", .gap),
        ("Europe/London", "2030-03-31 02:00", .instant("2030-03-31T01:00:00.000Z")),
        ("Europe/London", "2030-10-27 00:59", .instant("2030-10-26T23:59:00.000Z")),
        ("Europe/London", "2030-10-27 01:00", .overlap), ("Europe/London", "2030-10-27 01:30", .overlap),
        ("Europe/London", "2030-10-27 02:00", .instant("2030-10-27T02:00:00.000Z")),
        // Sydney: 2030-04-07 03:00 AEDT → 02:00 AEST; 2030-10-06 02:00 AEST → 03:00 AEDT.
        ("Australia/Sydney", "2030-04-07 01:59", .instant("2030-04-06T14:59:00.000Z")),
        ("Australia/Sydney", "2030-04-07 02:00", .overlap), ("Australia/Sydney", "2030-04-07 02:30", .overlap),
        ("Australia/Sydney", "2030-04-07 02:59", .overlap),
        ("Australia/Sydney", "2030-04-07 03:00", .instant("2030-04-06T17:00:00.000Z")),
        ("Australia/Sydney", "2030-10-06 01:59", .instant("2030-10-05T15:59:00.000Z")),
        ("Australia/Sydney", "2030-10-06 02:00", .gap), ("Australia/Sydney", "2030-10-06 02:30", .gap),
        ("Australia/Sydney", "2030-10-06 03:00", .instant("2030-10-05T16:00:00.000Z")),
        // The same rules reached through an abbreviation and a Windows name.
        ("EST", "2030-03-10 02:30", .gap), ("GMT Standard Time", "2030-10-27 01:30", .overlap),
        ("AEST", "2030-10-06 02:30", .gap),
    ]

    @Test("reject: gaps and overlaps are invalid and say so", arguments: edges)
    func reject(_ zone: String, _ local: String, _ expect: Expect) {
        let row = RowNormalizer(options: NormalizeFixtures.options()).check(NormalizeFixtures.row(["startedAt": local, "timeZone": zone]))
        switch expect {
        case .instant(let utc):
            #expect(row.request?.startedAt?.text == utc, "\(row.problems)")
            #expect(row.warnings.isEmpty)
        case .gap:
            #expect(row.request == nil)
            #expect(row.problems.first?.field == "startedAt")
            #expect(row.problems.first?.message.contains("does not exist") == true)
            #expect(row.problems.first?.message.contains("clocks jump from") == true)
        case .overlap:
            #expect(row.request == nil)
            #expect(row.problems.first?.message.contains("ambiguous") == true)
            #expect(row.problems.first?.message.contains("happens twice") == true)
        }
    }

    static let choices: [(String, String, NormalizeOptions.DSTPolicy, String)] = [
        ("America/New_York", "2030-03-10 02:30", .earlier, "2030-03-10T06:30:00.000Z"),
        ("America/New_York", "2030-03-10 02:30", .later, "2030-03-10T07:30:00.000Z"),
        ("America/New_York", "2030-11-03 01:30", .earlier, "2030-11-03T05:30:00.000Z"),
        ("America/New_York", "2030-11-03 01:30", .later, "2030-11-03T06:30:00.000Z"),
        ("Europe/London", "2030-03-31 01:30", .earlier, "2030-03-31T00:30:00.000Z"),
        ("Europe/London", "2030-03-31 01:30", .later, "2030-03-31T01:30:00.000Z"),
        ("Europe/London", "2030-10-27 01:30", .earlier, "2030-10-27T00:30:00.000Z"),
        ("Europe/London", "2030-10-27 01:30", .later, "2030-10-27T01:30:00.000Z"),
        ("Australia/Sydney", "2030-04-07 02:30", .earlier, "2030-04-06T15:30:00.000Z"),
        ("Australia/Sydney", "2030-04-07 02:30", .later, "2030-04-06T16:30:00.000Z"),
        ("Australia/Sydney", "2030-10-06 02:30", .earlier, "2030-10-05T15:30:00.000Z"),
        ("Australia/Sydney", "2030-10-06 02:30", .later, "2030-10-05T16:30:00.000Z"),
    ]

    @Test("earlier/later: the row is sent and a warning records the choice", arguments: choices)
    func choose(_ zone: String, _ local: String, _ policy: NormalizeOptions.DSTPolicy, _ utc: String) {
        let row = RowNormalizer(options: NormalizeFixtures.options(dst: policy))
            .check(NormalizeFixtures.row(["startedAt": local, "timeZone": zone]))
        #expect(row.problems.isEmpty)
        #expect(row.request?.startedAt?.text == utc)
        #expect(row.request?.timeZone?.identifier == zone)
        #expect(row.warnings.count == 1)
        #expect(row.warnings.first?.field == "startedAt")
        #expect(row.warnings.first?.message.contains("dst: \(policy.rawValue)") == true)
    }

    @Test("the example message from the issue, word for word")
    func issueExample() {
        let row = RowNormalizer(options: NormalizeFixtures.options())
            .check(NormalizeFixtures.row(["startedAt": "2030-03-10 02:30", "timeZone": "America/New_York"]))
        #expect(row.problems.first?.message.hasPrefix(
            "Start 2030-03-10 02:30 does not exist in America/New_York: clocks jump from 02:00 to 03:00 that night") == true)
    }

    @Test("transition tables agree with Foundation at 2,000 random instants")
    func agreesWithFoundation() throws {
        var random = SeededRandom(seed: 7)
        let zones = ["America/New_York", "Europe/London", "Australia/Sydney", "Asia/Tokyo", "America/Santiago",
                     "Pacific/Apia", "Asia/Kolkata", "Africa/Casablanca", "America/St_Johns", "Pacific/Chatham"]
        for zone in zones {
            let rules = try #require(ZoneRules(identifier: zone))
            let foundation = try #require(TimeZone(identifier: zone))
            for _ in 0..<200 {
                let t = Int64.random(in: 0...4_102_444_800, using: &random)   // 1970–2100
                #expect(rules.offset(atUTC: t) == foundation.secondsFromGMT(for: Date(timeIntervalSince1970: Double(t))),
                        "\(zone) at \(t)")
            }
        }
    }
}
