import Foundation

/// The validate stage: checks a normalized row against the rules of SPEC §1 that its types do not
/// already guarantee, so that the API's own 400/422 is the exception and an organiser learns about a
/// bad row from `validate`, not from a run.
///
/// A typed field (`UTCInstant`, `TimeZoneID`, `EmailAddress`, the enums) is valid once it exists, so
/// what is left is: required fields present, lengths (in Unicode scalars, as the API counts them),
/// the number of CC addresses, answers with a question and content, a payment method and web URLs,
/// and an event type id that is safe in a URL path. Each problem names the field (`tracking.campaign`,
/// `answers.q1`), carries the offending value, and says why in one sentence.
///
/// The validator reads only the row; it calls nothing in the normalize stage.
public struct BookingValidator: Sendable {
    /// The most `ccEmails` one booking may carry.
    public static let maxCCEmails = 30
    /// Maximum lengths, in Unicode scalars, of the string fields that have one. (An `EmailAddress`
    /// is at most 255 long by construction.)
    public static let maxLengths: [(field: String, label: String, limit: Int)] = [
        ("email", "Email", 255), ("name", "Name", 64), ("company", "Company", 32),
        ("textRemindCountryCode", "Text-reminder country code", 255), ("textRemindNumber", "Text-reminder number", 32),
        ("message", "Message", 2_000), ("phoneNumber", "Phone number", 32),
        ("tracking.campaign", "Tracking campaign", 255), ("tracking.source", "Tracking source", 255),
        ("tracking.medium", "Tracking medium", 255), ("tracking.content", "Tracking content", 255),
        ("tracking.term", "Tracking term", 255),
    ]

    public init() {}

    /// The row with this stage's problems added: the per-row step after `RowNormalizer.normalize`.
    ///
    /// A field that normalization could not read already has its problem, so the validator does not
    /// add a second one for it (a start that could not be placed in its zone counts for both the
    /// start and the zone). A problem quotes the source's own text for its field where there is one.
    public func validate(_ row: consuming NormalizedRow) -> ValidatedRow {
        let found = validate(row.draft)
        guard !found.isEmpty else { return ValidatedRow(row) }
        let startUnread = row.problems.contains { $0.field == "startedAt" || $0.field == "timeZone" }
        for problem in found {
            if row.problems.contains(where: { $0.field == problem.field }) { continue }
            if startUnread, problem.field == "startedAt" || problem.field == "timeZone" { continue }
            var located = problem
            // A CC item's problem quotes the item, not the whole cell.
            if let original = row.source[problem.field], problem.field != "ccEmails" || !problem.message.hasPrefix("CC:") {
                located.value = original
            }
            row.problems.append(located)
        }
        return ValidatedRow(row)
    }

    /// Every rule `request` breaks; empty when it may be sent.
    public func validate(_ request: BookingRequest) -> [RowProblem] {
        // Problems go into an `inout` value rather than through a closure that captures a local:
        // a captured local is checked for exclusive access at run time on every use.
        var found = Findings()
        if request.startedAt == nil {
            found.fail("startedAt", "", "The start date and time are missing.")
        }
        if request.timeZone == nil {
            found.fail("timeZone", "", "The time zone is missing.")
        }
        if request.eventTypeId.isEmpty {
            found.fail("eventTypeId", "", "The event type is missing; map a column to eventTypeId or set it in the pipeline's defaults.")
        } else if !Self.isPlainIdentifier(request.eventTypeId) {
            found.fail("eventTypeId", request.eventTypeId, "Event type id \(request.eventTypeId) cannot contain spaces, slashes, ? or #; copy the id from Jicoo.")
        }
        if request.name.isEmpty { found.fail("name", "", "The guest's name is missing.") }
        if request.email == nil { found.fail("email", "", "The email address is missing.") }
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
        if let cc = request.ccEmails, cc.count > Self.maxCCEmails {
            found.fail("ccEmails", cc.map(\.text).joined(separator: ", "), "There are \(cc.count) CC addresses; at most \(Self.maxCCEmails) are allowed.")
        }
        for answer in request.answers ?? [] {
            if answer.questionUid.isEmpty {
                found.fail("answers", answer.content, "An answer has no question id; map it as answers.<questionUid>.")
            }
            if answer.content.isEmpty {
                found.fail("answers.\(answer.questionUid)", "", "The answer to question \(answer.questionUid) is empty.")
            }
        }
        if let payment = request.payment { validatePayment(payment, &found) }
        return found.problems
    }

    private func validatePayment(_ payment: BookingRequest.Payment, _ found: inout Findings) {
        if payment.paymentMethod == nil {
            found.fail("payment.paymentMethod", "", "Payment needs a paymentMethod (\(BookingRequest.PaymentMethod.spelledOut)) when any payment field is given.")
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
        let length = value.unicodeScalars.count
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

    /// An id safe to put in a URL path: no white space, control characters, `/`, `?` or `#`.
    static func isPlainIdentifier(_ text: String) -> Bool {
        var copy = text
        let ascii: Bool? = copy.withUTF8 { bytes in
            for byte in bytes {
                if byte >= 0x80 { return nil }
                if byte <= 0x20 || byte == 0x7F || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "#") {
                    return false
                }
            }
            return true
        }
        if let ascii { return ascii }
        return !text.unicodeScalars.contains {
            $0.properties.isWhitespace || $0.properties.generalCategory == .control || $0 == "/" || $0 == "?" || $0 == "#"
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
