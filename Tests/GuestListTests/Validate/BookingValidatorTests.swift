import Testing
@testable import GuestList

@Suite("BookingValidator")
struct BookingValidatorTests {
    let validator = BookingValidator()

    static func request() -> BookingRequest {
        BookingRequest(startedAt: "2030-03-16T02:00:00.000Z", timeZone: "Asia/Tokyo", eventTypeId: "mzgdPJVBb7RE",
                       email: "jane@example.com", name: "Jane Doe")
    }

    /// Sets one length-limited field of a request.
    static func with(_ field: String, _ value: String) -> BookingRequest {
        var r = request()
        switch field {
        case "name": r.name = value
        case "company": r.company = value
        case "textRemindCountryCode": r.textRemindCountryCode = value
        case "textRemindNumber": r.textRemindNumber = value
        case "message": r.message = value
        case "phoneNumber": r.phoneNumber = value
        case "tracking.campaign": r.tracking = .init(campaign: value)
        case "tracking.source": r.tracking = .init(source: value)
        case "tracking.medium": r.tracking = .init(medium: value)
        case "tracking.content": r.tracking = .init(content: value)
        case "tracking.term": r.tracking = .init(term: value)
        default: Issue.record("unknown field \(field)")
        }
        return r
    }

    static let limits: [(String, Int)] = BookingValidator.maxLengths.filter { $0.field != "email" }.map { ($0.field, $0.limit) }

    @Test("each length limit: at the limit passes, one past fails (ASCII)", arguments: limits)
    func asciiLimit(_ field: String, _ limit: Int) {
        #expect(validator.validate(Self.with(field, String(repeating: "x", count: limit))).isEmpty)
        let problems = validator.validate(Self.with(field, String(repeating: "x", count: limit + 1)))
        #expect(problems.map(\.field) == [field])
        #expect(problems.first?.message.contains("\(limit + 1) characters long; at most \(limit)") == true)
    }

    @Test("lengths count Unicode scalars, not bytes or UTF-16 units", arguments: limits)
    func scalarLimit(_ field: String, _ limit: Int) {
        #expect(validator.validate(Self.with(field, String(repeating: "山", count: limit))).isEmpty)
        #expect(validator.validate(Self.with(field, String(repeating: "😀", count: limit))).isEmpty)
        #expect(validator.validate(Self.with(field, String(repeating: "山", count: limit + 1))).count == 1)
    }

    @Test("locale must be ja or en", arguments: [("ja", true), ("en", true), ("fr", false), ("JA", false), ("", false)])
    func locale(_ value: String, _ ok: Bool) {
        var r = Self.request()
        r.locale = value
        #expect(validator.validate(r).isEmpty == ok)
    }

    @Test("locationId must be one of the seven values",
          arguments: BookingValidator.locationIds.map { ($0, true) } + [("skype", false), ("Zoom", false)])
    func location(_ value: String, _ ok: Bool) {
        var r = Self.request()
        r.locationId = value
        #expect(validator.validate(r).isEmpty == ok)
    }

    @Test("paymentMethod must be none, card or onsite",
          arguments: [("none", true), ("card", true), ("onsite", true), ("cash", false), ("", false)])
    func paymentMethod(_ value: String, _ ok: Bool) {
        var r = Self.request()
        r.payment = .init(paymentMethod: value, items: [])
        #expect(validator.validate(r).isEmpty == ok)
    }

    @Test("payment URLs must be full web addresses", arguments: [
        ("https://example.com/thanks", true), ("http://example.com", true), ("https://例え.jp/ok", true),
        ("example.com/thanks", false), ("ftp://example.com", false), ("https://", false), ("https://exa mple.com", false),
        ("javascript:alert(1)", false),
    ])
    func paymentURL(_ value: String, _ ok: Bool) {
        var r = Self.request()
        r.payment = .init(paymentMethod: "card", items: [], successUrl: value, cancelUrl: value)
        let problems = validator.validate(r)
        #expect(problems.isEmpty == ok)
        if !ok { #expect(Set(problems.map(\.field)) == ["payment.successUrl", "payment.cancelUrl"]) }
    }

    @Test("ccEmails: 30 pass, 31 fail")
    func ccCount() {
        var r = Self.request()
        r.ccEmails = (1...30).map { "guest\($0)@example.com" }
        #expect(validator.validate(r).isEmpty)
        r.ccEmails?.append("guest31@example.com")
        #expect(validator.validate(r).map(\.field) == ["ccEmails"])
    }

    @Test("email: 255 characters pass, 256 fail; syntax is checked too")
    func emailLimits() {
        let label63 = String(repeating: "b", count: 63)
        var r = Self.request()
        r.email = "a@" + [label63, label63, label63, String(repeating: "c", count: 61)].joined(separator: ".")
        #expect(validator.validate(r).isEmpty)
        r.email = "a" + r.email
        #expect(validator.validate(r).map(\.field).contains("email"))
        r.email = "user@localhost"
        #expect(validator.validate(r).map(\.field) == ["email"])
    }

    @Test("required fields and shapes", arguments: [
        ("startedAt", "2030-03-16 02:00"), ("timeZone", "asia/tokyo"), ("timeZone", "JST"), ("eventTypeId", ""),
        ("eventTypeId", "abc def"), ("eventTypeId", "abc/def"), ("name", ""), ("email", ""),
    ])
    func required(_ field: String, _ value: String) {
        var r = Self.request()
        switch field {
        case "startedAt": r.startedAt = value
        case "timeZone": r.timeZone = value
        case "eventTypeId": r.eventTypeId = value
        case "name": r.name = value
        default: r.email = value
        }
        #expect(validator.validate(r).map(\.field) == [field])
    }

    @Test("answers need a question id and content")
    func answers() {
        var r = Self.request()
        r.answers = [.init(questionUid: "q1", content: "Yes")]
        #expect(validator.validate(r).isEmpty)
        r.answers = [.init(questionUid: "", content: "Yes"), .init(questionUid: "q2", content: "")]
        #expect(validator.validate(r).count == 2)
    }
}
