import Foundation

/// The sandbox's own record of a booking: what was asked for (guest details included) and
/// what became of it.
///
/// This is what ``SandboxState/bookings()`` and the admin endpoint `/_sandbox/bookings` show,
/// so tests can see who a booking is for. The API never shows it as such: `/v1` answers with
/// ``SandboxBookingObject``, which, like Jicoo's booking object, carries no guest details
/// (SPEC §1); a client learns the guests only from `/v1/bookings/{uid}/contacts`.
public struct SandboxBooking: Sendable, Codable, Equatable {
    /// SPEC §1's booking statuses. A `cancel` booking stays listed but holds neither its slot nor its guest.
    public enum Status: String, Sendable, Codable, CaseIterable {
        /// Waiting for a host's approval (an event type with ``SandboxEventType/requiresApproval``).
        case request
        /// Booked.
        case open
        /// Cancelled.
        case cancel
    }

    /// A random 12-character alphanumeric id, like Jicoo's.
    public var uid: String
    public var status: Status
    public var startedAt: Date
    /// `startedAt` plus the event type's duration.
    public var endedAt: Date
    public var timeZone: String
    public var eventTypeId: String
    /// The guest's email as sent.
    public var email: String
    /// The guest's name as sent (not the event's title, which is the booking object's `name`).
    public var name: String
    public var company: String?
    public var textRemindCountryCode: String?
    public var textRemindNumber: String?
    /// Empty when none were sent; each one is a guest of the booking (see `/contacts`).
    public var ccEmails: [String]
    public var message: String?
    public var locale: String?
    public var locationId: String?
    public var phoneNumber: String?
    /// `campaign`, `source`, `medium`, `content`, `term` as sent.
    public var tracking: [String: String]?
    /// Empty when none were sent.
    public var answers: [SandboxAnswer]
    /// The payment object as sent; the sandbox charges nothing.
    public var payment: SandboxJSONValue?
    /// When the sandbox stored it.
    public var createdAt: Date
    /// When it last changed (its creation, or its cancellation).
    public var updatedAt: Date
    /// When it was cancelled; `nil` while it is not.
    public var cancelledAt: Date?
    /// Why it was cancelled, when a reason was given.
    public var cancelReason: String?
    /// Who cancelled it (`host` for the admin endpoint); `nil` while it is not cancelled.
    public var cancelledBy: String?

    /// A booking with every field; optional ones default to "not sent", `updatedAt` to `createdAt`.
    public init(
        uid: String, status: Status = .open, startedAt: Date, endedAt: Date, timeZone: String,
        eventTypeId: String, email: String, name: String, company: String? = nil,
        textRemindCountryCode: String? = nil, textRemindNumber: String? = nil, ccEmails: [String] = [],
        message: String? = nil, locale: String? = nil, locationId: String? = nil, phoneNumber: String? = nil,
        tracking: [String: String]? = nil, answers: [SandboxAnswer] = [], payment: SandboxJSONValue? = nil,
        createdAt: Date, updatedAt: Date? = nil
    ) {
        self.uid = uid
        self.status = status
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.timeZone = timeZone
        self.eventTypeId = eventTypeId
        self.email = email
        self.name = name
        self.company = company
        self.textRemindCountryCode = textRemindCountryCode
        self.textRemindNumber = textRemindNumber
        self.ccEmails = ccEmails
        self.message = message
        self.locale = locale
        self.locationId = locationId
        self.phoneNumber = phoneNumber
        self.tracking = tracking
        self.answers = answers
        self.payment = payment
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
    }

    /// True unless cancelled: a live booking holds its slot and its guest.
    public var isLive: Bool { status != .cancel }

    enum CodingKeys: String, CodingKey {
        case uid, status, startedAt, endedAt, timeZone, eventTypeId, email, name, company
        case textRemindCountryCode, textRemindNumber, ccEmails, message, locale, locationId, phoneNumber
        case tracking, answers, payment, createdAt, updatedAt, cancelledAt, cancelReason, cancelledBy
    }

    /// Decodes the admin form; absent optional fields are "not sent".
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        uid = try c.decode(String.self, forKey: .uid)
        status = try c.decode(Status.self, forKey: .status)
        startedAt = try c.decode(Date.self, forKey: .startedAt)
        endedAt = try c.decode(Date.self, forKey: .endedAt)
        timeZone = try c.decode(String.self, forKey: .timeZone)
        eventTypeId = try c.decode(String.self, forKey: .eventTypeId)
        email = try c.decode(String.self, forKey: .email)
        name = try c.decode(String.self, forKey: .name)
        company = try c.decodeIfPresent(String.self, forKey: .company)
        textRemindCountryCode = try c.decodeIfPresent(String.self, forKey: .textRemindCountryCode)
        textRemindNumber = try c.decodeIfPresent(String.self, forKey: .textRemindNumber)
        ccEmails = try c.decodeIfPresent([String].self, forKey: .ccEmails) ?? []
        message = try c.decodeIfPresent(String.self, forKey: .message)
        locale = try c.decodeIfPresent(String.self, forKey: .locale)
        locationId = try c.decodeIfPresent(String.self, forKey: .locationId)
        phoneNumber = try c.decodeIfPresent(String.self, forKey: .phoneNumber)
        tracking = try c.decodeIfPresent([String: String].self, forKey: .tracking)
        answers = try c.decodeIfPresent([SandboxAnswer].self, forKey: .answers) ?? []
        payment = try c.decodeIfPresent(SandboxJSONValue.self, forKey: .payment)
        createdAt = try c.decode(Date.self, forKey: .createdAt)
        updatedAt = try c.decodeIfPresent(Date.self, forKey: .updatedAt) ?? createdAt
        cancelledAt = try c.decodeIfPresent(Date.self, forKey: .cancelledAt)
        cancelReason = try c.decodeIfPresent(String.self, forKey: .cancelReason)
        cancelledBy = try c.decodeIfPresent(String.self, forKey: .cancelledBy)
    }

    /// Encodes the admin form: the fields every booking has, plus the optional ones that are set.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(uid, forKey: .uid)
        try c.encode(status, forKey: .status)
        try c.encode(startedAt, forKey: .startedAt)
        try c.encode(endedAt, forKey: .endedAt)
        try c.encode(timeZone, forKey: .timeZone)
        try c.encode(eventTypeId, forKey: .eventTypeId)
        try c.encode(email, forKey: .email)
        try c.encode(name, forKey: .name)
        try c.encodeIfPresent(company, forKey: .company)
        try c.encodeIfPresent(textRemindCountryCode, forKey: .textRemindCountryCode)
        try c.encodeIfPresent(textRemindNumber, forKey: .textRemindNumber)
        if !ccEmails.isEmpty { try c.encode(ccEmails, forKey: .ccEmails) }
        try c.encodeIfPresent(message, forKey: .message)
        try c.encodeIfPresent(locale, forKey: .locale)
        try c.encodeIfPresent(locationId, forKey: .locationId)
        try c.encodeIfPresent(phoneNumber, forKey: .phoneNumber)
        try c.encodeIfPresent(tracking, forKey: .tracking)
        if !answers.isEmpty { try c.encode(answers, forKey: .answers) }
        try c.encodeIfPresent(payment, forKey: .payment)
        try c.encode(createdAt, forKey: .createdAt)
        try c.encode(updatedAt, forKey: .updatedAt)
        try c.encodeIfPresent(cancelledAt, forKey: .cancelledAt)
        try c.encodeIfPresent(cancelReason, forKey: .cancelReason)
        try c.encodeIfPresent(cancelledBy, forKey: .cancelledBy)
    }
}

/// One answer to an event type's question, as sent in `answers`.
public struct SandboxAnswer: Sendable, Codable, Equatable {
    public var questionUid: String
    public var content: String

    /// An answer to `questionUid`.
    public init(questionUid: String, content: String) {
        self.questionUid = questionUid
        self.content = content
    }
}
