import Testing
@testable import GuestList

/// A record's values read through a map built once per source: columns, the pipeline's defaults,
/// and the display values a report shows.
@Suite("FieldMap")
struct FieldMapTests {
    let normalizer = RowNormalizer(options: NormalizeFixtures.options())
    let validator = BookingValidator()

    static let columns = ["Name", "Email", "Start", "Zone", "Event", "Campaign", "Q1"]
    static let map = FieldMap(
        columns: ["name": 0, "email": 1, "startedAt": 2, "timeZone": 3, "eventTypeId": 4, "tracking.campaign": 5, "answers.q1": 6],
        defaults: ["eventTypeId": "mzgdPJVBb7RE", "timeZone": "Asia/Tokyo", "locale": "ja", "payment.paymentMethod": "card",
                   "payment.items": #"[{"name": "Ticket", "price": 3000}]"#])

    func check(_ values: [String]) -> ValidatedRow {
        validator.validate(normalizer.normalize(values, map: Self.map))
    }

    @Test("columns by index, nested paths, and defaults for unmapped fields")
    func readsColumns() throws {
        let row = check(["Jane Doe", "jane@example.com", "2030-03-16 11:00", "", "", "spring", "Yes"])
        #expect(row.problems.isEmpty, "\(row.problems)")
        let request = try #require(row.request)
        #expect(request.name == "Jane Doe")
        #expect(request.timeZone?.identifier == "Asia/Tokyo")
        #expect(request.eventTypeId == "mzgdPJVBb7RE")
        #expect(request.locale == .ja)
        #expect(request.tracking == .init(campaign: "spring"))
        #expect(request.answers == [.init(questionUid: "q1", content: "Yes")])
        #expect(request.payment?.paymentMethod == .card)
        #expect(request.payment?.items.count == 1)
    }

    @Test("a default fills a cell that is empty, only white space, or missing from a short record; a written cell wins",
          arguments: [("", "Asia/Tokyo"), ("   ", "Asia/Tokyo"), ("\u{3000}", "Asia/Tokyo"), ("JST", "Asia/Tokyo"),
                      ("Europe/London", "Europe/London")])
    func defaults(_ cell: String, _ zone: String) {
        let row = check(["Jane Doe", "jane@example.com", "2030-03-16 11:00", cell, "ev1"])
        #expect(row.request?.timeZone?.identifier == zone)
        #expect(row.request?.eventTypeId == "ev1")
        #expect(row.request?.tracking == nil)
        let short = check(["Jane Doe", "jane@example.com", "2030-03-16 11:00"])
        #expect(short.request?.timeZone?.identifier == "Asia/Tokyo")
        #expect(short.request?.eventTypeId == "mzgdPJVBb7RE")
    }

    @Test("a field with neither a column nor a default is absent; a blank cell without a default stays blank")
    func absent() {
        let map = FieldMap(columns: ["name": 0, "email": 1, "startedAt": 2, "timeZone": 3, "eventTypeId": 4, "company": 5])
        let row = validator.validate(normalizer.normalize(["  ", "jane@example.com", "2030-03-16 11:00", "JST", "ev1", ""], map: map))
        #expect(row.problems.map(\.field) == ["name"])
        #expect(row.problems.first?.value == "  ")
        #expect(row.row.draft.company == nil)
        #expect(row.row.source["company"] == nil)
        #expect(row.row.source["locale"] == nil)
    }

    @Test("values and a map give what a dictionary of the same cells gives")
    func sameAsDictionary() {
        let values = ["Jane Doe ", "ＪＡＮＥ＠ＥＸＡＭＰＬＥ．ＣＯＭ", "2030/3/16 11:00", "asia/tokyo", "ev1", "", "42"]
        let fields = ["name": "Jane Doe ", "email": "ＪＡＮＥ＠ＥＸＡＭＰＬＥ．ＣＯＭ", "startedAt": "2030/3/16 11:00",
                      "timeZone": "asia/tokyo", "eventTypeId": "ev1", "answers.q1": "42", "locale": "ja",
                      "payment.paymentMethod": "card", "payment.items": #"[{"name": "Ticket", "price": 3000}]"#]
        let viaMap = check(values)
        let viaDictionary = normalizer.check(fields)
        #expect(viaMap.request != nil)
        #expect(viaMap.request == viaDictionary.request)
        #expect(viaMap.warnings == viaDictionary.warnings)
    }

    @Test("display values: normalized where normalized, else the source's own text")
    func display() {
        let valid = check(["Jane Doe", " JANE@Example.COM", "2030-03-16 11:00", "jst", ""])
        #expect(valid.display == RowDisplay(name: "Jane Doe", email: "JANE@example.com", startedAt: "2030-03-16T02:00:00.000Z", timeZone: "Asia/Tokyo"))
        let invalid = check(["Jane Doe", "not an email", "2030-02-30 11:00", "Mars/Base", ""])
        #expect(invalid.request == nil)
        #expect(invalid.display == RowDisplay(name: "Jane Doe", email: "not an email", startedAt: "2030-02-30 11:00", timeZone: "Mars/Base"))
        // The zone normalized although the start did not.
        let badStart = check(["Jane Doe", "jane@example.com", "someday", "jst", ""])
        #expect(badStart.display == RowDisplay(name: "Jane Doe", email: "jane@example.com", startedAt: "someday", timeZone: "Asia/Tokyo"))
    }

    @Test("a split start is shown as date, space, time when it does not normalize")
    func splitStart() {
        let map = FieldMap(columns: ["name": 0, "email": 1, "startDate": 2, "startTime": 3], defaults: ["timeZone": "Asia/Tokyo", "eventTypeId": "ev1"])
        let row = validator.validate(normalizer.normalize(["Jane", "jane@example.com", "2030-03-16", "25:00"], map: map))
        #expect(row.request == nil)
        #expect(row.display.startedAt == "2030-03-16 25:00")
        let ok = validator.validate(normalizer.normalize(["Jane", "jane@example.com", "2030-03-16", "11:00"], map: map))
        #expect(ok.display.startedAt == "2030-03-16T02:00:00.000Z")
        #expect(SourceFields(values: ["Jane", "", "2030-03-16", ""], map: map).display.startedAt == "2030-03-16")
    }

    @Test("maps with the same columns and defaults are equal")
    func equality() {
        #expect(FieldMap(columns: ["name": 0], defaults: ["locale": "ja"]) == FieldMap(columns: ["name": 0], defaults: ["locale": "ja"]))
        #expect(FieldMap(columns: ["name": 0]) != FieldMap(columns: ["name": 1]))
    }
}
