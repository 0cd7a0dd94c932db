import Foundation

/// Checks a `POST /v1/bookings` body against every rule of SPEC §1 and reports all problems
/// at once, keyed by field path (`email`, `ccEmails[3]`, `tracking.campaign`,
/// `answers[0].questionUid`), the way the real API's 422 does.
///
/// Unknown fields are refused too: a client sending a misspelt field would otherwise lose
/// data silently, and the sandbox exists to catch exactly that. `null` counts as absent.
struct BookingValidation {
    typealias Object = [String: SandboxJSONValue]

    static let stringLimits: [String: Int] = [
        "email": 255, "name": 64, "company": 32, "textRemindCountryCode": 255, "textRemindNumber": 32,
        "message": 2000, "phoneNumber": 32,
    ]
    static let locales = ["ja", "en"]
    static let locationIds = ["inPerson", "phone", "zoom", "googleMeet", "askInvitee", "teams", "custom"]
    static let trackingKeys = ["campaign", "source", "medium", "content", "term"]
    static let paymentMethods = ["none", "card", "onsite"]
    static let knownFields: Set<String> = [
        "startedAt", "timeZone", "eventTypeId", "email", "name", "company", "textRemindCountryCode",
        "textRemindNumber", "ccEmails", "message", "locale", "locationId", "phoneNumber", "tracking", "answers",
        "payment",
    ]

    /// Messages per field path; empty when the body is valid.
    private(set) var errors: [String: [String]] = [:]
    private let body: Object
    private let eventTypes: [String: SandboxEventType]

    /// Validates `body`; on success returns the booking it asks for, without `uid` and
    /// `createdAt` (the state assigns those when it stores it).
    static func validate(
        _ body: Object, eventTypes: [String: SandboxEventType]
    ) -> Result<SandboxBooking, FieldErrors> {
        var validation = BookingValidation(body: body, eventTypes: eventTypes)
        let booking = validation.run()
        if let booking, validation.errors.isEmpty { return .success(booking) }
        return .failure(FieldErrors(fields: validation.errors))
    }

    private init(body: Object, eventTypes: [String: SandboxEventType]) {
        self.body = body.filter { $0.value != .null }
        self.eventTypes = eventTypes
    }

    private mutating func fail(_ path: String, _ message: String) {
        errors[path, default: []].append(message)
    }

    private mutating func run() -> SandboxBooking? {
        for key in body.keys.sorted() where !Self.knownFields.contains(key) { fail(key, "is not a known field") }

        let startedAt = requiredString("startedAt").flatMap { text -> Date? in
            guard let date = SandboxCoding.parseDateTime(text) else {
                fail("startedAt", "must be an ISO 8601 date-time")
                return nil
            }
            return date
        }
        let timeZone = requiredString("timeZone").flatMap { id -> String? in
            guard TimeZone(identifier: id) != nil else {
                fail("timeZone", "is not a known time zone")
                return nil
            }
            return id
        }
        let eventType = requiredString("eventTypeId").flatMap { id -> SandboxEventType? in
            guard let eventType = eventTypes[id] else {
                fail("eventTypeId", "does not exist")
                return nil
            }
            return eventType
        }
        let email = requiredString("email").flatMap { email -> String? in
            guard EmailSyntax.isValid(email) else {
                fail("email", "is not a valid email")
                return nil
            }
            return email
        }
        let name = requiredString("name")
        let optionals = ["company", "textRemindCountryCode", "textRemindNumber", "message", "phoneNumber"]
            .reduce(into: [String: String]()) { values, key in values[key] = optionalString(key) }
        let locale = optionalEnum("locale", Self.locales)
        let locationId = optionalEnum("locationId", Self.locationIds)
        let ccEmails = validateCCEmails()
        let tracking = validateTracking()
        let answers = validateAnswers(eventType: eventType)
        let payment = validatePayment()

        guard let startedAt, let timeZone, let eventType, let email, let name else { return nil }
        return SandboxBooking(
            uid: "", startedAt: startedAt,
            endedAt: startedAt.addingTimeInterval(TimeInterval(eventType.durationMinutes * 60)),
            timeZone: timeZone, eventTypeId: eventType.uid, email: email, name: name,
            company: optionals["company"], textRemindCountryCode: optionals["textRemindCountryCode"],
            textRemindNumber: optionals["textRemindNumber"], ccEmails: ccEmails, message: optionals["message"],
            locale: locale, locationId: locationId, phoneNumber: optionals["phoneNumber"], tracking: tracking,
            answers: answers, payment: payment, createdAt: Date(timeIntervalSince1970: 0))
    }

    // MARK: - Strings

    /// A string at `path` that must be present and not blank, within its length limit.
    private mutating func requiredString(_ key: String) -> String? {
        guard body[key] != nil else {
            fail(key, "is required")
            return nil
        }
        guard let text = string(body[key], at: key, limit: Self.stringLimits[key]) else { return nil }
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            fail(key, "can't be blank")
            return nil
        }
        return text
    }

    private mutating func optionalString(_ key: String) -> String? {
        guard let value = body[key] else { return nil }
        return string(value, at: key, limit: Self.stringLimits[key])
    }

    private mutating func optionalEnum(_ key: String, _ allowed: [String]) -> String? {
        guard let value = body[key], let text = string(value, at: key, limit: nil) else { return nil }
        guard allowed.contains(text) else {
            fail(key, "must be one of: \(allowed.joined(separator: ", "))")
            return nil
        }
        return text
    }

    /// The text of `value` if it is a string of at most `limit` Unicode scalars.
    private mutating func string(_ value: SandboxJSONValue?, at path: String, limit: Int?) -> String? {
        guard case .string(let text)? = value else {
            fail(path, "must be a string")
            return nil
        }
        if let limit, text.unicodeScalars.count > limit {
            fail(path, "is too long (maximum is \(limit) characters)")
            return nil
        }
        return text
    }

    // MARK: - Structured fields

    private mutating func validateCCEmails() -> [String] {
        guard let value = body["ccEmails"] else { return [] }
        guard case .array(let items) = value else {
            fail("ccEmails", "must be an array")
            return []
        }
        if items.count > 30 { fail("ccEmails", "is too long (maximum is 30 items)") }
        var emails: [String] = []
        for (index, item) in items.enumerated() {
            let path = "ccEmails[\(index)]"
            guard let email = string(item, at: path, limit: 255) else { continue }
            if EmailSyntax.isValid(email) { emails.append(email) } else { fail(path, "is not a valid email") }
        }
        return emails
    }

    private mutating func validateTracking() -> [String: String]? {
        guard let value = body["tracking"] else { return nil }
        guard case .object(let members) = value else {
            fail("tracking", "must be an object")
            return nil
        }
        var tracking: [String: String] = [:]
        for (key, item) in members.sorted(by: { $0.key < $1.key }) where item != .null {
            let path = "tracking.\(key)"
            guard Self.trackingKeys.contains(key) else {
                fail(path, "is not a known field")
                continue
            }
            tracking[key] = string(item, at: path, limit: 255)
        }
        return tracking
    }

    private mutating func validateAnswers(eventType: SandboxEventType?) -> [SandboxAnswer] {
        guard let value = body["answers"] else { return [] }
        guard case .array(let items) = value else {
            fail("answers", "must be an array")
            return []
        }
        var answers: [SandboxAnswer] = []
        for (index, item) in items.enumerated() {
            let path = "answers[\(index)]"
            guard case .object(let members) = item else {
                fail(path, "must be an object")
                continue
            }
            for key in members.keys.sorted() where !["questionUid", "content"].contains(key) {
                fail("\(path).\(key)", "is not a known field")
            }
            var questionUid: String?
            if let value = members["questionUid"], value != .null {
                questionUid = string(value, at: "\(path).questionUid", limit: nil)
            } else {
                fail("\(path).questionUid", "is required")
            }
            var content: String?
            if let value = members["content"], value != .null {
                content = string(value, at: "\(path).content", limit: nil)
            } else {
                fail("\(path).content", "is required")
            }
            // Only the server knows an event type's questions: the client cannot predict this one.
            if let questionUid, let eventType, !eventType.questionUids.contains(questionUid) {
                fail("\(path).questionUid", "is not a question of event type \(eventType.uid)")
            }
            if let questionUid, let content { answers.append(SandboxAnswer(questionUid: questionUid, content: content)) }
        }
        return answers
    }

    private mutating func validatePayment() -> SandboxJSONValue? {
        guard let value = body["payment"] else { return nil }
        guard case .object(let members) = value else {
            fail("payment", "must be an object")
            return nil
        }
        for key in members.keys.sorted()
        where !["paymentMethod", "items", "successUrl", "cancelUrl"].contains(key) {
            fail("payment.\(key)", "is not a known field")
        }
        if let method = members["paymentMethod"], method != .null {
            if let text = string(method, at: "payment.paymentMethod", limit: nil), !Self.paymentMethods.contains(text) {
                fail("payment.paymentMethod", "must be one of: \(Self.paymentMethods.joined(separator: ", "))")
            }
        } else {
            fail("payment.paymentMethod", "is required")
        }
        switch members["items"] {
        case .array?: break
        case nil, .null?: fail("payment.items", "is required")
        default: fail("payment.items", "must be an array")
        }
        for key in ["successUrl", "cancelUrl"] {
            guard let item = members[key], item != .null,
                let text = string(item, at: "payment.\(key)", limit: nil)
            else { continue }
            if URL(string: text)?.scheme == nil || URL(string: text)?.host == nil {
                fail("payment.\(key)", "must be a URI")
            }
        }
        return value
    }
}

/// A 422's `errors`: messages per field path.
struct FieldErrors: Error, Sendable {
    var fields: [String: [String]]
}
