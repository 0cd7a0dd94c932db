import Foundation
import Testing
@testable import GuestList

/// Normalizing an already-normalized value changes nothing: the values guestlist sends, fed back in,
/// come out the same. Hand-rolled generators with a seeded RNG keep the cases reproducible.
@Suite("Normalization is idempotent")
struct IdempotenceTests {
    static let seeds: [UInt64] = [1, 2, 3, 42, 2030]

    static func pick<T>(_ items: [T], _ random: inout SeededRandom) -> T { items[Int.random(in: 0..<items.count, using: &random)] }

    static func email(_ random: inout SeededRandom) -> String {
        let locals = ["jane", "Jane.Doe", "user+tag", "ｊｏｈｎ", "o'brien", "x_y-z"]
        let domains = ["example.com", "Example.COM", "bücher.example", "例え.テスト", "ｅｘａｍｐｌｅ．ｃｏｍ", "sub.example.co.jp"]
        let wrappers: [(String) -> String] = [{ $0 }, { " \($0) " }, { "mailto:\($0)" }, { "Jane <\($0)>" }, { "\"Doe, J\" <\($0)>" }]
        return pick(wrappers, &random)(pick(locals, &random) + pick(["@", "＠"], &random) + pick(domains, &random))
    }

    @Test("emails", arguments: seeds)
    func emails(_ seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        let normalizer = EmailNormalizer()
        for _ in 0..<200 {
            let raw = Self.email(&random)
            let once = try normalizer.normalize(raw).get()
            #expect(normalizer.normalize(once) == .success(once), "\(raw)")
        }
    }

    @Test("time zones", arguments: seeds)
    func zones(_ seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        let resolver = TimeZoneResolver()
        let inputs = TimeZoneAbbreviations.zones.keys.sorted() + ["+09:00", "UTC-5", "asia/calcutta", "US/Eastern",
            "Tokyo Standard Time", "europe/oslo", "GMT+0", "Etc/GMT-14"]
        for _ in 0..<100 {
            let once = try resolver.resolve(Self.pick(inputs, &random)).get()
            #expect(resolver.resolve(once) == .success(once))
        }
    }

    @Test("date-times: the sent UTC instant reads back as itself", arguments: seeds)
    func dateTimes(_ seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        let normalizer = RowNormalizer(options: NormalizeFixtures.options(dst: .later))
        let zones = ["Asia/Tokyo", "America/New_York", "Europe/London", "Australia/Sydney", "+05:00", "PST"]
        for _ in 0..<200 {
            let local = LocalDateTime(year: Int.random(in: 2027...2040, using: &random), month: Int.random(in: 1...12, using: &random),
                                      day: Int.random(in: 1...28, using: &random), hour: Int.random(in: 0...23, using: &random),
                                      minute: Int.random(in: 0...59, using: &random))
            let zone = Self.pick(zones, &random)
            let first = try #require(normalizer.check(NormalizeFixtures.row(["startedAt": local.description, "timeZone": zone])).request)
            let start = try #require(first.startedAt).text
            let sentZone = try #require(first.timeZone).identifier
            let second = try #require(normalizer.check(NormalizeFixtures.row(["startedAt": start, "timeZone": sentZone])).request)
            #expect(second.startedAt == first.startedAt)
            #expect(second.timeZone == first.timeZone)
        }
    }

    @Test("whole rows: a sent request, fed back as fields, is unchanged", arguments: seeds)
    func rows(_ seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        let normalizer = RowNormalizer(options: NormalizeFixtures.options())
        let names = ["  Jane Doe ", "山田 太郎", "Cafe\u{301} Owner", "ｶﾀｶﾅ"]
        for _ in 0..<100 {
            var fields = NormalizeFixtures.row(["email": Self.email(&random), "name": Self.pick(names, &random),
                                                 "locale": Self.pick(["JA", "en-US", "ja"], &random),
                                                 "locationId": Self.pick(["zoom", "Google Meet", "in_person"], &random),
                                                 "ccEmails": Self.email(&random) + ", " + Self.email(&random)])
            fields["company"] = Self.pick(["", " Acme ", "株式会社テスト"], &random)
            let first = try #require(normalizer.check(fields).request, "\(fields)")
            var again: [String: String] = ["startedAt": try #require(first.startedAt).text, "timeZone": try #require(first.timeZone).identifier,
                                           "eventTypeId": first.eventTypeId, "email": try #require(first.email).text, "name": first.name]
            again["company"] = first.company
            again["locale"] = first.locale?.rawValue
            again["locationId"] = first.locationId?.rawValue
            again["ccEmails"] = first.ccEmails?.map(\.text).joined(separator: ", ")
            #expect(normalizer.check(again).request == first)
        }
    }

    @Test("text: trim + NFC is idempotent", arguments: seeds)
    func text(_ seed: UInt64) {
        var random = SeededRandom(seed: seed)
        let pieces = ["a", " ", "\u{3000}", "e\u{301}", "が", "か\u{3099}", "山", "Å", "\n", "ﬁ", "😀"]
        for _ in 0..<300 {
            let raw = (0..<Int.random(in: 0...8, using: &random)).map { _ in Self.pick(pieces, &random) }.joined()
            let once = TextNormalizer.normalize(raw)
            #expect(once.flatMap(TextNormalizer.normalize) == once, "\(raw.unicodeScalars.map(\.value))")
            if let once { #expect(once == once.precomposedStringWithCanonicalMapping) }
        }
    }
}
