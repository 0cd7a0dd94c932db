import Foundation
import GuestList

/// Rows shaped like real guest-list exports, generated from a fixed seed so every run measures the
/// same work: local date-times in a dozen zones written as IANA ids, abbreviations and offsets;
/// mostly ASCII emails with a few full-width, IDN and display-name ones; Latin and Japanese names.
enum ExportRows {
    static let zones = ["Asia/Tokyo", "America/New_York", "Europe/London", "JST", "PST", "CET", "+09:00", "UTC",
                        "Australia/Sydney", "Asia/Singapore", "GMT-05:00", "Europe/Berlin"]
    static let latinNames = ["Jane Doe", "John Smith", "María García", "Olivia Brown", "Liam Wilson", "Noah Taylor"]
    static let japaneseNames = ["山田 太郎", "佐藤 花子", "鈴木 一郎", "高橋 美咲"]

    /// The columns of the generated export, in order.
    static let columns = ["startedAt", "timeZone", "email", "name", "eventTypeId", "locale", "locationId", "company"]

    /// The map a pipeline builds once for this export: every field is a column of the same name.
    static let map = FieldMap(columns: Dictionary(uniqueKeysWithValues: columns.enumerated().map { ($1, $0) }))

    /// `count` distinct records, as a reader hands them over: values aligned with `columns`.
    /// - Parameter spellings: zone spellings to replace, e.g. an abbreviation by its IANA id.
    static func records(count: Int, seed: UInt64 = 42, spellings: [String: String] = [:]) -> [[String]] {
        make(count: count, seed: seed).map { row in
            columns.map { column in
                let value = row[column] ?? ""
                return column == "timeZone" ? spellings[value] ?? value : value
            }
        }
    }

    /// `count` distinct rows as field → text; the benchmark cycles through them.
    static func make(count: Int, seed: UInt64 = 42) -> [[String: String]] {
        var random = SplitMix64(state: seed)
        return (0..<count).map { i in
            let month = Int.random(in: 1...12, using: &random)
            let day = Int.random(in: 1...28, using: &random)
            let hour = Int.random(in: 9...17, using: &random)
            let start = "2030-\(pad(month))-\(pad(day)) \(pad(hour)):\(pad([0, 15, 30, 45][i % 4]))"
            let email: String
            switch Int.random(in: 0..<100, using: &random) {
            case 0: email = "ｇｕｅｓｔ\(i)＠ｅｘａｍｐｌｅ．ｃｏｍ"
            case 1: email = "guest\(i)@bücher.example"
            case 2: email = "\"Guest \(i)\" <guest\(i)@example.com>"
            default: email = "guest.\(i)@example\(i % 50).com"
            }
            var row = ["startedAt": start, "timeZone": zones[i % zones.count], "email": email,
                       "name": i % 5 == 0 ? japaneseNames[i % japaneseNames.count] : latinNames[i % latinNames.count],
                       "eventTypeId": "mzgdPJVBb7RE", "locale": "ja", "locationId": "zoom"]
            if i % 3 == 0 { row["company"] = "Acme \(i % 100)" }
            return row
        }
    }

    private static func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}

/// SplitMix64, seeded: reproducible rows without a package.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
