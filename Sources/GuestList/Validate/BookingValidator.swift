import Foundation

/// Checks a request against every field rule of SPEC §1 before it can be sent, so that the API's
/// own 400/422 is the exception and an organiser learns about a bad row from `validate`, not from a run.
///
/// Lengths are counted in Unicode scalars, as the API counts them. Each problem names the field
/// (`tracking.campaign`, `answers.q1`), carries the offending value, and says why in one sentence.
public struct BookingValidator: Sendable {
    /// Values `locale` accepts.
    public static let locales = ["ja", "en"]
    /// Values `locationId` accepts.
    public static let locationIds = ["inPerson", "phone", "zoom", "googleMeet", "askInvitee", "teams", "custom"]
    /// Values `payment.paymentMethod` accepts.
    public static let paymentMethods = ["none", "card", "onsite"]
    /// The most `ccEmails` one booking may carry.
    public static let maxCCEmails = 30
    /// Maximum lengths, in Unicode scalars, of the string fields that have one.
    public static let maxLengths: [(field: String, label: String, limit: Int)] = [
        ("email", "Email", 255), ("name", "Name", 64), ("company", "Company", 32),
        ("textRemindCountryCode", "Text-reminder country code", 255), ("textRemindNumber", "Text-reminder number", 32),
        ("message", "Message", 2_000), ("phoneNumber", "Phone number", 32),
        ("tracking.campaign", "Tracking campaign", 255), ("tracking.source", "Tracking source", 255),
        ("tracking.medium", "Tracking medium", 255), ("tracking.content", "Tracking content", 255),
        ("tracking.term", "Tracking term", 255),
    ]

    public init() {}

    /// Every rule the request breaks; empty when it may be sent.
    public func validate(_ request: BookingRequest) -> [RowProblem] {
        validate(request, produced: [])
    }

    /// Fields whose value `RowNormalizer` produced itself and so already satisfy their rule; the
    /// row's hot path does not check them twice.
    struct Produced: OptionSet {
        let rawValue: Int
        static let email = Produced(rawValue: 1)
        static let startedAt = Produced(rawValue: 2)
        static let timeZone = Produced(rawValue: 4)
        static let locale = Produced(rawValue: 8)
        static let locationId = Produced(rawValue: 16)
        static let eventTypeId = Produced(rawValue: 32)
    }

    func validate(_ request: BookingRequest, produced: Produced) -> [RowProblem] {
        // Problems go into an `inout` value rather than through a closure that captures a local:
        // a captured local is checked for exclusive access at run time on every use.
        var found = Findings()
        if !produced.contains(.startedAt), !Self.isUTCTimestamp(request.startedAt) {
            found.fail("startedAt", request.startedAt, "Start \(request.startedAt) is not a UTC time like 2030-03-16T02:00:00.000Z.")
        }
        if !produced.contains(.timeZone), !TimeZoneIndex.shared.identifiers.contains(request.timeZone) {
            found.fail("timeZone", request.timeZone, "Time zone \(request.timeZone) is not a canonical IANA zone id such as Asia/Tokyo.")
        }
        if request.eventTypeId.isEmpty {
            found.fail("eventTypeId", "", "The event type is missing; map a column to eventTypeId or set it in the pipeline's defaults.")
        } else if !produced.contains(.eventTypeId), !Self.isPlainIdentifier(request.eventTypeId) {
            found.fail("eventTypeId", request.eventTypeId, "Event type id \(request.eventTypeId) cannot contain spaces, slashes, ? or #; copy the id from Jicoo.")
        }
        if request.name.isEmpty { found.fail("name", "", "The guest's name is missing.") }
        if request.email.isEmpty {
            found.fail("email", "", "The email address is missing.")
        } else if !produced.contains(.email), let failure = EmailNormalizer.check(request.email, raw: request.email) {
            found.fail("email", request.email, failure.message)
        }
        checkLength(request.email, limit: 255, rule: 0, &found)
        checkLength(request.name, limit: 64, rule: 1, &found)
        checkLength(request.company, limit: 32, rule: 2, &found)
        checkLength(request.textRemindCountryCode, limit: 255, rule: 3, &found)
        checkLength(request.textRemindNumber, limit: 32, rule: 4, &found)
        checkLength(request.message, limit: 2_000, rule: 5, &found)
        checkLength(request.phoneNumber, limit: 32, rule: 6, &found)
        if let t = request.tracking {
            checkLength(t.campaign, limit: 255, rule: 7, &found)
            checkLength(t.source, limit: 255, rule: 8, &found)
            checkLength(t.medium, limit: 255, rule: 9, &found)
            checkLength(t.content, limit: 255, rule: 10, &found)
            checkLength(t.term, limit: 255, rule: 11, &found)
        }
        validateLists(request, &found)
        if let locale = request.locale, !produced.contains(.locale), !Self.isOne(of: Self.locales, locale) {
            found.fail("locale", locale, "Locale \(locale) is not one the API accepts: use ja or en.")
        }
        if let location = request.locationId, !produced.contains(.locationId), !Self.isOne(of: Self.locationIds, location) {
            found.fail("locationId", location, "Location \(location) is not one the API accepts: use \(TimeZoneResolver.list(Self.locationIds)).")
        }
        if let payment = request.payment { validatePayment(payment, &found) }
        return found.problems
    }

    private func validateLists(_ request: BookingRequest, _ found: inout Findings) {
        if let cc = request.ccEmails {
            if cc.count > Self.maxCCEmails {
                found.fail("ccEmails", cc.joined(separator: ", "), "There are \(cc.count) CC addresses; at most \(Self.maxCCEmails) are allowed.")
            }
            for email in cc {
                if let failure = EmailNormalizer.check(email, raw: email) { found.fail("ccEmails", email, "CC: " + failure.message) }
                if TextNormalizer.length(email) > 255 { found.fail("ccEmails", email, "CC address \(Self.excerpt(email)) is longer than 255 characters.") }
            }
        }
        for answer in request.answers ?? [] {
            if answer.questionUid.isEmpty {
                found.fail("answers", answer.content, "An answer has no question id; map it as answers.<questionUid>.")
            }
            if answer.content.isEmpty {
                found.fail("answers.\(answer.questionUid)", "", "The answer to question \(answer.questionUid) is empty.")
            }
        }
    }

    private func validatePayment(_ payment: BookingRequest.Payment, _ found: inout Findings) {
        if payment.paymentMethod.isEmpty {
            found.fail("payment.paymentMethod", "", "Payment needs a paymentMethod (none, card or onsite) when any payment field is given.")
        } else if !Self.paymentMethods.contains(payment.paymentMethod) {
            found.fail("payment.paymentMethod", payment.paymentMethod, "Payment method \(payment.paymentMethod) is not one the API accepts: use none, card or onsite.")
        }
        for (field, url) in [("payment.successUrl", payment.successUrl), ("payment.cancelUrl", payment.cancelUrl)] {
            if let url, !Self.isWebURL(url) {
                found.fail(field, url, "\(field == "payment.successUrl" ? "Success" : "Cancel") URL \(Self.excerpt(url)) is not a full web address starting with https:// or http://.")
            }
        }
    }

    /// `limit` is `maxLengths[rule].limit`, written at the call so the row's hot path reads no table.
    @inline(__always)
    private func checkLength(_ value: String?, limit: Int, rule index: Int, _ found: inout Findings) {
        // A scalar takes at least one UTF-8 byte: short values need no counting.
        guard let value, value.utf8.count > limit else { return }
        lengthProblem(value, rule: index, &found)
    }

    private func lengthProblem(_ value: String, rule index: Int, _ found: inout Findings) {
        let rule = Self.maxLengths[index]
        let length = TextNormalizer.length(value)
        if length > rule.limit {
            found.fail(rule.field, value, "\(rule.label) \(Self.excerpt(value)) is \(length) characters long; at most \(rule.limit) are allowed.")
        }
    }

    /// The problems found so far.
    struct Findings {
        var problems: [RowProblem] = []

        mutating func fail(_ field: String, _ value: String, _ message: String) {
            problems.append(RowProblem(field: field, value: value, message: message))
        }
    }

    /// `values.contains(text)`, comparing lengths first: unequal strings of equal length are rare,
    /// and comparing them is what costs.
    static func isOne(of values: [String], _ text: String) -> Bool {
        let count = text.utf8.count
        for value in values where value.utf8.count == count && value == text { return true }
        return false
    }

    /// An id safe to put in a URL path: no white space, control characters, `/`, `?` or `#`.
    static func isPlainIdentifier(_ text: String) -> Bool {
        if text.isEmpty { return true }
        if text.utf8.withContiguousStorageIfAvailable(isPlainIdentifier) == true { return true }
        return !text.unicodeScalars.contains {
            $0.properties.isWhitespace || $0.properties.generalCategory == .control || $0 == "/" || $0 == "?" || $0 == "#"
        } && !TextNormalizer.isASCII(text)
    }

    private static func isPlainIdentifier(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        ByteClass.all(bytes, have: ByteClass.identifier)
    }

    /// `yyyy-MM-ddTHH:mm:ss.SSSZ`, exactly.
    static func isUTCTimestamp(_ text: String) -> Bool {
        var copy = text
        return copy.withUTF8 { bytes in
            guard bytes.count == 24 else { return false }
            for i in 0..<24 {
                let byte = bytes[i]
                switch i {
                case 4, 7: if byte != UInt8(ascii: "-") { return false }
                case 10: if byte != UInt8(ascii: "T") { return false }
                case 13, 16: if byte != UInt8(ascii: ":") { return false }
                case 19: if byte != UInt8(ascii: ".") { return false }
                case 23: if byte != UInt8(ascii: "Z") { return false }
                default: if byte < 0x30 || byte > 0x39 { return false }
                }
            }
            return true
        }
    }

    /// An absolute http(s) URL with a host: where a payment page can send the guest back to.
    static func isWebURL(_ text: String) -> Bool {
        guard !text.contains(where: { $0.isWhitespace }), let components = URLComponents(string: text),
              let scheme = components.scheme?.lowercased(), scheme == "https" || scheme == "http",
              let host = components.host, !host.isEmpty else { return false }
        return true
    }

    /// A value short enough to quote in a message.
    static func excerpt(_ value: String) -> String {
        value.unicodeScalars.count <= 40 ? value : String(String.UnicodeScalarView(value.unicodeScalars.prefix(37))) + "…"
    }
}
