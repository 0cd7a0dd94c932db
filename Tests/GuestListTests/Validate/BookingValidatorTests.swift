import Testing
@testable import GuestList

@Suite("BookingValidator")
struct BookingValidatorTests {
    let validator = BookingValidator()

    static func request() -> BookingRequest {
        BookingRequest(startedAt: UTCInstant(iso: "2030-03-16T02:00:00.000Z")!, timeZone: TimeZoneID("Asia/Tokyo")!,
                       eventTypeId: "mzgdPJVBb7RE", email: EmailAddress("jane@example.com")!, name: "Jane Doe")
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

    // The enumerated fields are typed: a request holds only what the API accepts, so the tables are
    // checked where they live, in the types.

    @Test("locale must be ja or en", arguments: [("ja", true), ("en", true), ("fr", false), ("JA", false), ("", false)])
    func locale(_ value: String, _ ok: Bool) {
        let code = BookingRequest.LocaleCode(rawValue: value)
        #expect((code != nil) == ok)
        var r = Self.request()
        r.locale = code
        #expect(validator.validate(r).isEmpty)
    }

    @Test("locationId must be one of the seven values",
          arguments: BookingRequest.Location.allCases.map { ($0.rawValue, true) } + [("skype", false), ("Zoom", false)])
    func location(_ value: String, _ ok: Bool) {
        #expect((BookingRequest.Location(rawValue: value) != nil) == ok)
    }

    @Test("the location table is the API's seven values")
    func locationTable() {
        #expect(BookingRequest.Location.allCases.map(\.rawValue) == ["inPerson", "phone", "zoom", "googleMeet", "askInvitee", "teams", "custom"])
    }

    @Test("paymentMethod must be none, card or onsite",
          arguments: [("none", true), ("card", true), ("onsite", true), ("cash", false), ("", false)])
    func paymentMethod(_ value: String, _ ok: Bool) {
        let method = BookingRequest.PaymentMethod(rawValue: value)
        #expect((method != nil) == ok)
        var r = Self.request()
        r.payment = .init(paymentMethod: method, items: [])
        // A payment without a method is the validator's to refuse.
        #expect(validator.validate(r).isEmpty == ok)
        if !ok { #expect(validator.validate(r).map(\.field) == ["payment.paymentMethod"]) }
    }

    @Test("payment URLs must be full web addresses", arguments: [
        ("https://example.com/thanks", true), ("http://example.com", true), ("https://例え.jp/ok", true),
        ("example.com/thanks", false), ("ftp://example.com", false), ("https://", false), ("https://exa mple.com", false),
        ("javascript:alert(1)", false),
    ])
    func paymentURL(_ value: String, _ ok: Bool) {
        var r = Self.request()
        r.payment = .init(paymentMethod: .card, items: [], successUrl: value, cancelUrl: value)
        let problems = validator.validate(r)
        #expect(problems.isEmpty == ok)
        if !ok { #expect(Set(problems.map(\.field)) == ["payment.successUrl", "payment.cancelUrl"]) }
    }

    @Test("ccEmails: 30 pass, 31 fail")
    func ccCount() {
        var r = Self.request()
        r.ccEmails = (1...30).map { EmailAddress("guest\($0)@example.com")! }
        #expect(validator.validate(r).isEmpty)
        r.ccEmails?.append(EmailAddress("guest31@example.com")!)
        #expect(validator.validate(r).map(\.field) == ["ccEmails"])
    }

    @Test("email: 255 characters pass, 256 fail; syntax is checked too")
    func emailLimits() {
        let label63 = String(repeating: "b", count: 63)
        let longest = "a@" + [label63, label63, label63, String(repeating: "c", count: 61)].joined(separator: ".")
        #expect(longest.count == 255)
        var r = Self.request()
        r.email = EmailAddress(longest)
        #expect(r.email != nil)
        #expect(validator.validate(r).isEmpty)
        #expect(EmailAddress("a" + longest) == nil)
        #expect(EmailAddress("user@localhost") == nil)
        r.email = nil
        #expect(validator.validate(r).map(\.field) == ["email"])
    }

    @Test("typed fields refuse text of the wrong shape", arguments: [
        ("startedAt", "2030-03-16 02:00"), ("startedAt", "2030-02-30T02:00:00.000Z"), ("startedAt", ""),
        ("timeZone", "asia/tokyo"), ("timeZone", "JST"), ("timeZone", "Asia/Calcutta"), ("timeZone", ""),
        ("email", ""), ("email", "jane@"), ("email", "Jane <jane@example.com>"),
    ])
    func typedShapes(_ field: String, _ value: String) {
        switch field {
        case "startedAt": #expect(UTCInstant(iso: value) == nil)
        case "timeZone": #expect(TimeZoneID(value) == nil)
        default: #expect(EmailAddress(value) == nil)
        }
    }

    @Test("required fields and shapes", arguments: [
        ("startedAt", ""), ("timeZone", ""), ("email", ""), ("eventTypeId", ""),
        ("eventTypeId", "abc def"), ("eventTypeId", "abc/def"), ("name", ""),
    ])
    func required(_ field: String, _ value: String) {
        var r = Self.request()
        switch field {
        case "startedAt": r.startedAt = nil
        case "timeZone": r.timeZone = nil
        case "email": r.email = nil
        case "eventTypeId": r.eventTypeId = value
        default: r.name = value
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

    @Test("a normalized row: a field that normalization refused gets no second problem, and problems quote the source")
    func normalizedRow() {
        let normalizer = RowNormalizer(options: NormalizeFixtures.options())
        let row = validator.validate(normalizer.normalize(NormalizeFixtures.row([
            "email": "nope", "timeZone": "Mars/Olympus", "name": "  ", "company": " " + String(repeating: "x", count: 33),
        ])))
        #expect(row.request == nil)
        #expect(row.key == nil)
        #expect(row.problems.map(\.field) == ["email", "timeZone", "name", "company"])
        #expect(row.problems.first { $0.field == "name" }?.value == "  ")
        #expect(row.problems.first { $0.field == "company" }?.value == " " + String(repeating: "x", count: 33))
    }
}
