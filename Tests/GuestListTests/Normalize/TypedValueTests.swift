import Foundation
import Testing
@testable import GuestList

/// The values the normalizer makes and the validator trusts: each refuses what the API would.
@Suite("Typed values")
struct TypedValueTests {
    @Test("UTCInstant reads and writes the API's form, and nothing else", arguments: [
        "2030-03-16T02:00:00.000Z", "1970-01-01T00:00:00.000Z", "1969-12-31T23:59:59.999Z", "2000-02-29T12:34:56.789Z",
        "0000-01-01T00:00:00.000Z", "9999-12-31T23:59:59.999Z", "1900-01-01T00:00:00.001Z",
    ])
    func instantRoundTrip(_ text: String) throws {
        let instant = try #require(UTCInstant(iso: text))
        #expect(instant.text == text)
        #expect(UTCInstant(milliseconds: instant.milliseconds) == instant)
    }

    @Test("UTCInstant agrees with Foundation's formatter at random instants")
    func instantAgreesWithFoundation() throws {
        var random = SeededRandom(seed: 11)
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        for _ in 0..<500 {
            // From 1970: the formatter is checked where it formats fractions without rounding trouble.
            let milliseconds = Int64.random(in: 0...7_258_118_399_999, using: &random)
            let instant = try #require(UTCInstant(milliseconds: milliseconds))
            #expect(instant.text == formatter.string(from: Date(timeIntervalSince1970: Double(milliseconds) / 1_000 + 0.000_1)))
        }
    }

    @Test("UTCInstant refuses other spellings and impossible dates", arguments: [
        "2030-03-16 02:00:00.000Z", "2030-03-16T02:00:00Z", "2030-03-16T02:00:00.000+09:00", "2030-02-29T00:00:00.000Z",
        "2030-13-01T00:00:00.000Z", "2030-03-16T24:00:00.000Z", "2030-03-16T02:60:00.000Z", " 2030-03-16T02:00:00.000Z", "",
    ])
    func instantRefuses(_ text: String) {
        #expect(UTCInstant(iso: text) == nil)
    }

    @Test("UTCInstant's range is the years a four-digit year can write")
    func instantRange() {
        #expect(UTCInstant(milliseconds: UTCInstant.range.upperBound + 1) == nil)
        #expect(UTCInstant(milliseconds: UTCInstant.range.lowerBound - 1) == nil)
    }

    @Test("TimeZoneID accepts canonical ids only, as spelled", arguments: [
        ("Asia/Tokyo", true), ("Etc/UTC", true), ("Etc/GMT-9", true), ("America/Argentina/Buenos_Aires", true),
        ("asia/tokyo", false), ("Asia/Calcutta", false), ("JST", false), ("+09:00", false), ("Etc/GMT", false), ("", false),
    ])
    func zoneID(_ text: String, _ ok: Bool) {
        #expect((TimeZoneID(text) != nil) == ok)
    }

    @Test("every id the resolver sends is a TimeZoneID")
    func resolverMakesIDs() {
        let resolver = TimeZoneResolver()
        for spelling in TimeZoneAbbreviations.zones.keys.sorted() + ["+09:00", "UTC-5", "asia/calcutta", "Tokyo Standard Time", "GMT"] {
            guard case .success(let id) = resolver.resolve(spelling) else { Issue.record("\(spelling)"); continue }
            #expect(TimeZoneID(id) != nil, "\(spelling) → \(id)")
        }
    }

    @Test("EmailAddress accepts what the normalizer sends and nothing it would refuse", arguments: [
        ("jane@example.com", true), ("Jane.Doe+tag@sub.example.co.jp", true), ("o'brien@xn--bcher-kva.example", true),
        ("user@localhost", false), ("jane@", false), ("@example.com", false), ("jane doe@example.com", false),
        ("mailto:jane@example.com", false), ("ｊａｎｅ＠ｅｘａｍｐｌｅ．ｃｏｍ", false), ("", false),
    ])
    func email(_ text: String, _ ok: Bool) {
        #expect((EmailAddress(text) != nil) == ok)
    }

    @Test("typed values decode from and encode to plain JSON strings")
    func coding() throws {
        let json = #"["2030-03-16T02:00:00.000Z","Asia/Tokyo","jane@example.com"]"#
        let decoder = JSONDecoder()
        let strings = try decoder.decode([String].self, from: Data(json.utf8))
        #expect(try decoder.decode(UTCInstant.self, from: Data("\"\(strings[0])\"".utf8)).text == strings[0])
        #expect(try decoder.decode(TimeZoneID.self, from: Data("\"\(strings[1])\"".utf8)).identifier == strings[1])
        #expect(try decoder.decode(EmailAddress.self, from: Data("\"\(strings[2])\"".utf8)).text == strings[2])
        #expect(throws: DecodingError.self) { try decoder.decode(TimeZoneID.self, from: Data("\"asia/tokyo\"".utf8)) }
        #expect(throws: DecodingError.self) { try decoder.decode(JSONScalar.self, from: Data("1e400".utf8)) }
    }
}
