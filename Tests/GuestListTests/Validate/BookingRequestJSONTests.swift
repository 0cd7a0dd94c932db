import Foundation
import Testing
@testable import GuestList

/// `BookingRequest.json()` writes the payload by hand; it must be byte for byte what
/// `JSONEncoder` with `[.sortedKeys, .withoutEscapingSlashes]` makes of the same request on this
/// platform, over requests generated to hit every escape, every optional and every number form.
@Suite("BookingRequest JSON")
struct BookingRequestJSONTests {
    static let seeds: [UInt64] = [1, 2, 3, 42, 2030, 65_535]

    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// Pieces of text that stress the writer: quotes, backslashes, slashes, every control character,
    /// DEL, the line and paragraph separators, full-width forms, emoji (with joiners), combining marks.
    static let pieces: [String] = ["a", "Z", "0", " ", "\"", "\\", "/", "//", "\u{7F}", "\u{2028}", "\u{2029}",
        "ｊｏｈｎ＠ｅｘａｍｐｌｅ", "山田", "ｶﾀｶﾅ", "😀", "👨‍👩‍👧", "e\u{301}", "\u{FEFF}", "\u{85}", "\u{A0}", "é", "<tag>", "&", "'",
        "https://example.com/a?b=c#d", "=SUM(A1)", "\r\n", "…", "\u{10FFFF}"]
        + (0..<0x20).map { String(Unicode.Scalar(UInt8($0))) }

    struct Generator {
        var random: SeededRandom

        mutating func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &random) < percent }

        mutating func text(maxPieces: Int = 6) -> String {
            (0..<Int.random(in: 0...maxPieces, using: &random)).map { _ in BookingRequestJSONTests.pieces.randomElement(using: &random)! }.joined()
        }

        mutating func maybe(_ make: (inout Generator) -> String) -> String? {
            chance(50) ? make(&self) : nil
        }

        mutating func number() -> Double {
            let special: [Double] = [0, -0.0, 1, -1, 3_000, 0.1, 0.5, 1.5, -2.75, 1e15, 1e15 - 1, -1e15, 999_999_999_999_999,
                                     1e16, 1e21, 1e22, 123_456_789_012_345_680, 1.5e300, .leastNonzeroMagnitude, 2.2250738585072014e-308,
                                     .greatestFiniteMagnitude, -.greatestFiniteMagnitude, 1e-7, 123.456, 0.30000000000000004]
            switch Int.random(in: 0..<4, using: &random) {
            case 0: return special.randomElement(using: &random)!
            case 1: return Double(Int.random(in: -1_000_000...1_000_000, using: &random))
            case 2: return Double.random(in: -1e6...1e6, using: &random)
            default:
                while true {
                    let value = Double(bitPattern: random.next())
                    if value.isFinite { return value }
                }
            }
        }

        mutating func scalar() -> JSONScalar {
            switch Int.random(in: 0..<3, using: &random) {
            case 0: return .string(text())
            case 1: return .bool(chance(50))
            default: return .number(number())
            }
        }

        /// Keys that sort differently by bytes, by case and numerically: `a10` / `a9`, `B` / `a`, `é` / `f`.
        mutating func key() -> String {
            let keys = ["a", "A", "b", "B", "a10", "a9", "a1", "é", "e\u{301}x", "f", "Z", "_", "price", "Price", "名前", "😀", "", " ", "\"", "\\k", "\u{1}"]
            return chance(70) ? keys.randomElement(using: &random)! : text(maxPieces: 3)
        }

        mutating func request() -> BookingRequest {
            var r = BookingRequest()
            if chance(90) { r.startedAt = UTCInstant(milliseconds: Int64.random(in: UTCInstant.range, using: &random)) }
            if chance(90) { r.timeZone = TimeZoneID(canonical: TimeZoneIndex.shared.identifiers.randomElement(using: &random)!) }
            if chance(90) { r.email = EmailAddress(checked: text()) }
            r.eventTypeId = text()
            r.name = text()
            r.company = maybe { $0.text() }
            r.textRemindCountryCode = maybe { $0.text() }
            r.textRemindNumber = maybe { $0.text() }
            r.message = maybe { $0.text(maxPieces: 20) }
            r.phoneNumber = maybe { $0.text() }
            if chance(40) { r.ccEmails = (0..<Int.random(in: 0...3, using: &random)).map { _ in EmailAddress(checked: text()) } }
            if chance(50) { r.locale = BookingRequest.LocaleCode.allCases.randomElement(using: &random) }
            if chance(50) { r.locationId = BookingRequest.Location.allCases.randomElement(using: &random) }
            if chance(40) {
                r.tracking = BookingRequest.Tracking(campaign: maybe { $0.text() }, source: maybe { $0.text() },
                                                     medium: maybe { $0.text() }, content: maybe { $0.text() }, term: maybe { $0.text() })
            }
            if chance(40) {
                r.answers = (0..<Int.random(in: 0...3, using: &random)).map { _ in BookingRequest.Answer(questionUid: text(), content: text()) }
            }
            if chance(50) {
                let items = (0..<Int.random(in: 0...3, using: &random)).map { _ in
                    var fields: [String: JSONScalar] = [:]
                    for _ in 0..<Int.random(in: 0...5, using: &random) { fields[key()] = scalar() }
                    return BookingRequest.PaymentItem(fields: fields)
                }
                r.payment = BookingRequest.Payment(
                    paymentMethod: chance(80) ? BookingRequest.PaymentMethod.allCases.randomElement(using: &random) : nil,
                    items: items, successUrl: maybe { $0.text() }, cancelUrl: maybe { $0.text() })
            }
            return r
        }
    }

    @Test("byte-identical to JSONEncoder over generated requests", arguments: seeds)
    func matchesEncoder(_ seed: UInt64) throws {
        var generator = Generator(random: SeededRandom(seed: seed))
        let encoder = Self.encoder()
        for _ in 0..<400 {
            let request = generator.request()
            let expected = try encoder.encode(request)
            let written = request.jsonBytes()
            #expect(written == Array(expected), "\(String(decoding: expected, as: UTF8.self))\n\(String(decoding: written, as: UTF8.self))")
            #expect(request.json() == String(decoding: expected, as: UTF8.self))
        }
    }

    @Test("every escape the encoder makes, one character at a time", arguments: Array(0..<0x80) + [0x85, 0xA0, 0x2028, 0x2029, 0xFEFF, 0x1F600])
    func escapes(_ value: Int) throws {
        var request = BookingRequestJSONTests.minimal()
        request.name = "<" + String(Unicode.Scalar(UInt32(value))!) + ">"
        #expect(request.jsonBytes() == Array(try Self.encoder().encode(request)))
    }

    @Test("a character to escape at every place in a long string", arguments: ["\"", "\\", "\u{0}", "\u{1F}", "\n", "é", "😀", "\u{7F}"])
    func escapeAtEveryPlace(_ special: String) throws {
        let encoder = Self.encoder()
        for length in [7, 8, 9, 15, 16, 17, 40] {
            for place in 0..<length {
                var request = BookingRequestJSONTests.minimal()
                request.message = String(repeating: "a", count: place) + special + String(repeating: "b", count: length - place)
                #expect(request.jsonBytes() == Array(try encoder.encode(request)), "\(length) \(place)")
            }
        }
    }

    @Test("a minimal request, field by field")
    func minimalRequest() {
        #expect(Self.minimal().json()
            == #"{"email":"jane@example.com","eventTypeId":"mzgdPJVBb7RE","name":"Jane Doe","startedAt":"2030-03-16T02:00:00.000Z","timeZone":"Asia/Tokyo"}"#)
    }

    @Test("the payload the pipeline writes decodes to the same request")
    func roundTrip() throws {
        let normalizer = RowNormalizer(options: NormalizeFixtures.options())
        let request = try #require(normalizer.check(NormalizeFixtures.row([
            "company": "Acme/\"Quotes\"", "message": "Line 1\nLine 2\t😀", "ccEmails": "bob@example.com",
            "payment.paymentMethod": "none", "payment.items": #"[{"name": "Ticket", "price": 3000.5, "vip": true}]"#,
        ])).request)
        let decoded = try JSONDecoder().decode(BookingRequest.self, from: Data(request.json().utf8))
        #expect(decoded == request)
        #expect(request.json().contains(#""paymentMethod":"none""#))
    }

    static func minimal() -> BookingRequest {
        BookingRequest(startedAt: UTCInstant(iso: "2030-03-16T02:00:00.000Z")!, timeZone: TimeZoneID("Asia/Tokyo")!,
                       eventTypeId: "mzgdPJVBb7RE", email: EmailAddress("jane@example.com")!, name: "Jane Doe")
    }
}
