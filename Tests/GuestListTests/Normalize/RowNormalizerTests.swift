import Foundation
import Testing
@testable import GuestList

@Suite("RowNormalizer")
struct RowNormalizerTests {
    let normalizer = RowNormalizer(options: NormalizeFixtures.options())

    @Test("a clean row becomes the request the API expects")
    func cleanRow() throws {
        let row = normalizer.check(NormalizeFixtures.row([
            "company": "  Acme  ", "locale": "ja-JP", "locationId": "Google Meet", "message": "Cafe\u{301}",
            "ccEmails": "Bob <bob@example.com>; jane@example.com", "tracking.campaign": "spring", "answers.q2": "B",
            "answers.q1": " A ", "phoneNumber": "", "payment.paymentMethod": "Card",
            "payment.items": #"[{"name": "Ticket", "price": 3000}]"#, "payment.successUrl": "https://example.com/ok",
        ]))
        #expect(row.problems.isEmpty, "\(row.problems)")
        let request = try #require(row.request)
        #expect(request.startedAt?.text == "2030-03-16T02:00:00.000Z")
        #expect(request.timeZone?.identifier == "Asia/Tokyo")
        #expect(request.company == "Acme")
        #expect(request.locale == .ja)
        #expect(request.locationId == .googleMeet)
        #expect(request.message == "Café")
        #expect(request.ccEmails?.map(\.text) == ["bob@example.com"])
        #expect(request.tracking == .init(campaign: "spring"))
        #expect(request.answers == [.init(questionUid: "q1", content: "A"), .init(questionUid: "q2", content: "B")])
        #expect(request.phoneNumber == nil)
        #expect(request.payment?.paymentMethod == .card)
        #expect(request.payment?.items == [.init(fields: ["name": .string("Ticket"), "price": .number(3000)])])
        #expect(request.key == BookingKey(eventTypeId: "mzgdPJVBb7RE", email: "jane@example.com", startedAt: "2030-03-16T02:00:00.000Z"))
    }

    @Test("missing required fields are problems named by field", arguments: ["name", "email", "eventTypeId", "timeZone", "startedAt"])
    func missing(_ field: String) {
        var fields = NormalizeFixtures.row()
        fields[field] = "  "
        let row = normalizer.check(fields)
        #expect(row.request == nil)
        #expect(row.problems.map(\.field) == [field], "\(row.problems)")
        #expect(row.problems.first?.message.hasSuffix(".") == true)
    }

    @Test("a row with several problems reports each, with the raw value")
    func severalProblems() {
        let row = normalizer.check(NormalizeFixtures.row([
            "email": "user@localhost", "timeZone": "CST", "locale": "fr", "company": String(repeating: "x", count: 33),
        ]))
        #expect(Set(row.problems.map(\.field)) == ["email", "timeZone", "locale", "company"])
        #expect(row.problems.first { $0.field == "email" }?.value == "user@localhost")
        #expect(row.problems.first { $0.field == "locale" }?.value == "fr")
        // The report shows the normalized name and, where a field failed, the source's own text.
        #expect(row.display == RowDisplay(name: "Jane Doe", email: "user@localhost", startedAt: "2030-03-16 11:00", timeZone: "CST"))
    }

    @Test("an invalid row still carries the fields that did normalize, for the report")
    func partialFields() {
        let row = normalizer.check(NormalizeFixtures.row(["email": "ＪＡＮＥ＠ＥＸＡＭＰＬＥ．ＣＯＭ", "timeZone": "jst", "locale": "fr"]))
        #expect(row.request == nil)
        #expect(row.display == RowDisplay(name: "Jane Doe", email: "JANE@example.com",
                                          startedAt: "2030-03-16T02:00:00.000Z", timeZone: "Asia/Tokyo"))
    }

    @Test("an ISO offset that disagrees with the zone keeps its instant and sends the row's zone")
    func offsetDisagrees() {
        let row = normalizer.check(NormalizeFixtures.row(["startedAt": "2030-03-16T11:00:00+09:00", "timeZone": "America/New_York"]))
        #expect(row.request?.startedAt?.text == "2030-03-16T02:00:00.000Z")
        #expect(row.request?.timeZone?.identifier == "America/New_York")
    }

    @Test("the zone comes from abbreviations, offsets and Windows names", arguments: [
        ("JST", "2030-03-16 11:00", "2030-03-16T02:00:00.000Z", "Asia/Tokyo"),
        ("PST", "2030-07-01 09:00", "2030-07-01T16:00:00.000Z", "America/Los_Angeles"),
        ("+09:00", "2030-03-16 11:00", "2030-03-16T02:00:00.000Z", "Etc/GMT-9"),
        ("UTC-5", "2030-03-16 11:00", "2030-03-16T16:00:00.000Z", "Etc/GMT+5"),
        ("Tokyo Standard Time", "2030年3月16日 午前11:00", "2030-03-16T02:00:00.000Z", "Asia/Tokyo"),
        ("Z", "2030-03-16 11:00", "2030-03-16T11:00:00.000Z", "Etc/UTC"),
    ])
    func zones(_ zone: String, _ start: String, _ utc: String, _ id: String) {
        let row = normalizer.check(NormalizeFixtures.row(["startedAt": start, "timeZone": zone]))
        #expect(row.request?.startedAt?.text == utc)
        #expect(row.request?.timeZone?.identifier == id)
    }

    @Test("a separate date column and time column")
    func splitColumns() {
        var fields = NormalizeFixtures.row(["startDate": "2030/3/16", "startTime": "11:00"])
        fields["startedAt"] = nil
        #expect(normalizer.check(fields).request?.startedAt?.text == "2030-03-16T02:00:00.000Z")
        fields["startTime"] = nil
        fields["startDate"] = "2030-03-16 11:00"
        #expect(normalizer.check(fields).request?.startedAt?.text == "2030-03-16T02:00:00.000Z")
    }

    @Test("rows in the past are invalid unless allowPast")
    func past() {
        let fields = NormalizeFixtures.row(["startedAt": "2020-01-01 10:00"])
        let row = normalizer.check(fields)
        #expect(row.problems.first?.message.contains("in the past") == true)
        #expect(row.problems.first?.message.contains("allowPast") == true)
        let allowed = RowNormalizer(options: NormalizeFixtures.options(allowPast: true)).check(fields)
        #expect(allowed.request?.startedAt?.text == "2020-01-01T01:00:00.000Z")
    }

    @Test("year-last dates need dateOrder")
    func dateOrder() {
        let fields = NormalizeFixtures.row(["startedAt": "3/6/2030 9:00"])
        #expect(normalizer.check(fields).problems.first?.message.contains("dateOrder") == true)
        let mdy = RowNormalizer(options: NormalizeFixtures.options(dateOrder: .mdy)).check(fields)
        #expect(mdy.request?.startedAt?.text == "2030-03-06T00:00:00.000Z")
        let dmy = RowNormalizer(options: NormalizeFixtures.options(dateOrder: .dmy)).check(fields)
        #expect(dmy.request?.startedAt?.text == "2030-06-03T00:00:00.000Z")
    }

    @Test("typo domains are warnings; the row is still sent")
    func typoWarning() {
        let row = normalizer.check(NormalizeFixtures.row(["email": "jane@gmial.com"]))
        #expect(row.request?.email?.text == "jane@gmial.com")
        #expect(row.warnings.map(\.field) == ["email"])
    }

    @Test("bad CC items, payment JSON and timeZoneAliases")
    func otherFields() {
        let cc = normalizer.check(NormalizeFixtures.row(["ccEmails": "ok@example.com, nope"]))
        #expect(cc.problems.map(\.field) == ["ccEmails"])
        #expect(cc.problems.first?.value == "nope")
        let pay = normalizer.check(NormalizeFixtures.row(["payment.paymentMethod": "card", "payment.items": "{oops"]))
        #expect(pay.problems.map(\.field) == ["payment.items"])
        let noItems = normalizer.check(NormalizeFixtures.row(["payment.paymentMethod": "card"]))
        #expect(noItems.problems.map(\.field) == ["payment.items"])
        let alias = RowNormalizer(options: NormalizeFixtures.options(aliases: ["CST": "America/Chicago"]))
            .check(NormalizeFixtures.row(["timeZone": "cst"]))
        #expect(alias.request?.timeZone?.identifier == "America/Chicago")
        let tooMany = normalizer.check(NormalizeFixtures.row(["ccEmails": (1...31).map { "g\($0)@example.com" }.joined(separator: " ")]))
        #expect(tooMany.problems.map(\.field) == ["ccEmails"])
    }

    @Test("the request encodes to the API's JSON with absent optionals omitted")
    func encoding() throws {
        let request = try #require(normalizer.check(NormalizeFixtures.row()).request)
        let json = String(decoding: try JSONEncoder().encode(request), as: UTF8.self)
        #expect(!json.contains("company"))
        #expect(json.contains("\"startedAt\":\"2030-03-16T02:00:00.000Z\""))
    }

    @Test("normalizing from many threads at once gives the same answers")
    func concurrent() async {
        let shared = RowNormalizer(options: NormalizeFixtures.options())
        let zones = ["JST", "America/New_York", "+09:00", "Europe/London", "AEST", "UTC"]
        await withTaskGroup(of: Bool.self) { group in
            for i in 0..<60 {
                group.addTask {
                    let zone = zones[i % zones.count]
                    let a = shared.check(NormalizeFixtures.row(["timeZone": zone]))
                    let b = RowNormalizer(options: NormalizeFixtures.options()).check(NormalizeFixtures.row(["timeZone": zone]))
                    return a == b && a.request != nil
                }
            }
            for await ok in group { #expect(ok) }
        }
    }
}
