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
    }

    func validate(_ request: BookingRequest, produced: Produced) -> [RowProblem] {
        var problems: [RowProblem] = []
        func fail(_ field: String, _ value: String, _ message: String) {
            problems.append(RowProblem(field: field, value: value, message: message))
        }
        if !produced.contains(.startedAt), !Self.isUTCTimestamp(request.startedAt) {
            fail("startedAt", request.startedAt, "Start \(request.startedAt) is not a UTC time like 2030-03-16T02:00:00.000Z.")
        }
        if !produced.contains(.timeZone), !TimeZoneIndex.shared.identifiers.contains(request.timeZone) {
            fail("timeZone", request.timeZone, "Time zone \(request.timeZone) is not a canonical IANA zone id such as Asia/Tokyo.")
        }
        if request.eventTypeId.isEmpty {
            fail("eventTypeId", "", "The event type is missing; map a column to eventTypeId or set it in the pipeline's defaults.")
        } else if !Self.isPlainIdentifier(request.eventTypeId) {
            fail("eventTypeId", request.eventTypeId, "Event type id \(request.eventTypeId) cannot contain spaces, slashes, ? or #; copy the id from Jicoo.")
        }
        if request.name.isEmpty { fail("name", "", "The guest's name is missing.") }
        if request.email.isEmpty {
            fail("email", "", "The email address is missing.")
        } else if !produced.contains(.email), let failure = EmailNormalizer.check(request.email, raw: request.email) {
            fail("email", request.email, failure.message)
        }
        checkLength(request.email, Self.maxLengths[0], fail)
        checkLength(request.name, Self.maxLengths[1], fail)
        checkLength(request.company, Self.maxLengths[2], fail)
        checkLength(request.textRemindCountryCode, Self.maxLengths[3], fail)
        checkLength(request.textRemindNumber, Self.maxLengths[4], fail)
        checkLength(request.message, Self.maxLengths[5], fail)
        checkLength(request.phoneNumber, Self.maxLengths[6], fail)
        if let t = request.tracking {
            checkLength(t.campaign, Self.maxLengths[7], fail)
            checkLength(t.source, Self.maxLengths[8], fail)
            checkLength(t.medium, Self.maxLengths[9], fail)
            checkLength(t.content, Self.maxLengths[10], fail)
            checkLength(t.term, Self.maxLengths[11], fail)
        }
        validateLists(request, fail)
        if let locale = request.locale, !produced.contains(.locale), !Self.isOne(of: Self.locales, locale) {
            fail("locale", locale, "Locale \(locale) is not one the API accepts: use ja or en.")
        }
        if let location = request.locationId, !produced.contains(.locationId), !Self.isOne(of: Self.locationIds, location) {
            fail("locationId", location, "Location \(location) is not one the API accepts: use \(TimeZoneResolver.list(Self.locationIds)).")
        }
        if let payment = request.payment { validatePayment(payment, fail) }
        return problems
    }

    private func validateLists(_ request: BookingRequest, _ fail: (String, String, String) -> Void) {
        if let cc = request.ccEmails {
            if cc.count > Self.maxCCEmails {
                fail("ccEmails", cc.joined(separator: ", "), "There are \(cc.count) CC addresses; at most \(Self.maxCCEmails) are allowed.")
            }
            for email in cc {
                if let failure = EmailNormalizer.check(email, raw: email) { fail("ccEmails", email, "CC: " + failure.message) }
                if TextNormalizer.length(email) > 255 { fail("ccEmails", email, "CC address \(Self.excerpt(email)) is longer than 255 characters.") }
            }
        }
        for answer in request.answers ?? [] {
            if answer.questionUid.isEmpty {
                fail("answers", answer.content, "An answer has no question id; map it as answers.<questionUid>.")
            }
            if answer.content.isEmpty {
                fail("answers.\(answer.questionUid)", "", "The answer to question \(answer.questionUid) is empty.")
            }
        }
    }

    private func validatePayment(_ payment: BookingRequest.Payment, _ fail: (String, String, String) -> Void) {
        if payment.paymentMethod.isEmpty {
            fail("payment.paymentMethod", "", "Payment needs a paymentMethod (none, card or onsite) when any payment field is given.")
        } else if !Self.paymentMethods.contains(payment.paymentMethod) {
            fail("payment.paymentMethod", payment.paymentMethod, "Payment method \(payment.paymentMethod) is not one the API accepts: use none, card or onsite.")
        }
        for (field, url) in [("payment.successUrl", payment.successUrl), ("payment.cancelUrl", payment.cancelUrl)] {
            if let url, !Self.isWebURL(url) {
                fail(field, url, "\(field == "payment.successUrl" ? "Success" : "Cancel") URL \(Self.excerpt(url)) is not a full web address starting with https:// or http://.")
            }
        }
    }

    private func checkLength(_ value: String?, _ rule: (field: String, label: String, limit: Int),
                             _ fail: (String, String, String) -> Void) {
        // A scalar takes at least one UTF-8 byte: short values need no counting.
        guard let value, value.utf8.count > rule.limit else { return }
        let length = TextNormalizer.length(value)
        if length > rule.limit {
            fail(rule.field, value, "\(rule.label) \(Self.excerpt(value)) is \(length) characters long; at most \(rule.limit) are allowed.")
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
        // Printable ASCII other than `#`, `/` and `?`, as a 128-bit set.
        for byte in bytes where !EmailNormalizer.inSet(byte, low: 0x7FFF_7FF6_0000_0000, high: 0x7FFF_FFFF_FFFF_FFFF) {
            return false
        }
        return true
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
