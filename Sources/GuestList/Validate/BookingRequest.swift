/// The JSON body of `POST /v1/bookings` (SPEC §1), after normalization. Absent optionals are not sent.
///
/// The fields most rows carry are stored inline; the ones few rows carry (text reminders, CC, message,
/// phone, tracking, answers, payment) live in a copy-on-write box that is nil when all of them are.
/// A request is copied several times on its way from a sheet to the ledger; kept small, a copy is
/// nine retains instead of twenty-five.
public struct BookingRequest: Codable, Sendable, Equatable, Hashable {
    /// UTC ISO 8601 with milliseconds, e.g. `2024-03-16T02:00:00.000Z`.
    public var startedAt: String
    /// Canonical IANA zone id.
    public var timeZone: String
    public var eventTypeId: String
    public var email: String
    public var name: String
    public var company: String?
    public var locale: String?
    public var locationId: String?
    private var box: ExtrasBox?

    public var textRemindCountryCode: String? {
        get { box?.extras.textRemindCountryCode }
        set { update(newValue == nil) { $0.textRemindCountryCode = newValue } }
    }
    public var textRemindNumber: String? {
        get { box?.extras.textRemindNumber }
        set { update(newValue == nil) { $0.textRemindNumber = newValue } }
    }
    public var ccEmails: [String]? {
        get { box?.extras.ccEmails }
        set { update(newValue == nil) { $0.ccEmails = newValue } }
    }
    public var message: String? {
        get { box?.extras.message }
        set { update(newValue == nil) { $0.message = newValue } }
    }
    public var phoneNumber: String? {
        get { box?.extras.phoneNumber }
        set { update(newValue == nil) { $0.phoneNumber = newValue } }
    }
    public var tracking: Tracking? {
        get { box?.extras.tracking }
        set { update(newValue == nil) { $0.tracking = newValue } }
    }
    public var answers: [Answer]? {
        get { box?.extras.answers }
        set { update(newValue == nil) { $0.answers = newValue } }
    }
    public var payment: Payment? {
        get { box?.extras.payment }
        set { update(newValue == nil) { $0.payment = newValue } }
    }

    /// The out-of-line fields.
    private struct Extras: Hashable, Sendable {
        var textRemindCountryCode: String?
        var textRemindNumber: String?
        var ccEmails: [String]?
        var message: String?
        var phoneNumber: String?
        var tracking: Tracking?
        var answers: [Answer]?
        var payment: Payment?
    }

    /// Shared between copies of a request and never mutated while shared (`update` copies it first),
    /// so sharing it across threads is safe.
    private final class ExtrasBox: @unchecked Sendable {
        var extras: Extras
        init(_ extras: Extras) { self.extras = extras }
    }

    /// Applies `change` to a box of this request's own; setting nil where there is no box allocates none.
    private mutating func update(_ clearing: Bool, _ change: (inout Extras) -> Void) {
        if box == nil {
            if clearing { return }
            box = ExtrasBox(Extras())
        } else if !isKnownUniquelyReferenced(&box!) {
            box = ExtrasBox(box!.extras)
        }
        change(&box!.extras)
    }

    private var extras: Extras { box?.extras ?? Extras() }

    public static func == (lhs: BookingRequest, rhs: BookingRequest) -> Bool {
        lhs.startedAt == rhs.startedAt && lhs.timeZone == rhs.timeZone && lhs.eventTypeId == rhs.eventTypeId
            && lhs.email == rhs.email && lhs.name == rhs.name && lhs.company == rhs.company && lhs.locale == rhs.locale
            && lhs.locationId == rhs.locationId && (lhs.box === rhs.box || lhs.extras == rhs.extras)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(startedAt)
        hasher.combine(timeZone)
        hasher.combine(eventTypeId)
        hasher.combine(email)
        hasher.combine(name)
        hasher.combine(company)
        hasher.combine(locale)
        hasher.combine(locationId)
        hasher.combine(extras)
    }

    private enum CodingKeys: String, CodingKey {
        case startedAt, timeZone, eventTypeId, email, name, company, textRemindCountryCode, textRemindNumber
        case ccEmails, message, locale, locationId, phoneNumber, tracking, answers, payment
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(startedAt: try c.decode(String.self, forKey: .startedAt), timeZone: try c.decode(String.self, forKey: .timeZone),
                  eventTypeId: try c.decode(String.self, forKey: .eventTypeId), email: try c.decode(String.self, forKey: .email),
                  name: try c.decode(String.self, forKey: .name))
        company = try c.decodeIfPresent(String.self, forKey: .company)
        textRemindCountryCode = try c.decodeIfPresent(String.self, forKey: .textRemindCountryCode)
        textRemindNumber = try c.decodeIfPresent(String.self, forKey: .textRemindNumber)
        ccEmails = try c.decodeIfPresent([String].self, forKey: .ccEmails)
        message = try c.decodeIfPresent(String.self, forKey: .message)
        locale = try c.decodeIfPresent(String.self, forKey: .locale)
        locationId = try c.decodeIfPresent(String.self, forKey: .locationId)
        phoneNumber = try c.decodeIfPresent(String.self, forKey: .phoneNumber)
        tracking = try c.decodeIfPresent(Tracking.self, forKey: .tracking)
        answers = try c.decodeIfPresent([Answer].self, forKey: .answers)
        payment = try c.decodeIfPresent(Payment.self, forKey: .payment)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(startedAt, forKey: .startedAt)
        try c.encode(timeZone, forKey: .timeZone)
        try c.encode(eventTypeId, forKey: .eventTypeId)
        try c.encode(email, forKey: .email)
        try c.encode(name, forKey: .name)
        try c.encodeIfPresent(company, forKey: .company)
        try c.encodeIfPresent(textRemindCountryCode, forKey: .textRemindCountryCode)
        try c.encodeIfPresent(textRemindNumber, forKey: .textRemindNumber)
        try c.encodeIfPresent(ccEmails, forKey: .ccEmails)
        try c.encodeIfPresent(message, forKey: .message)
        try c.encodeIfPresent(locale, forKey: .locale)
        try c.encodeIfPresent(locationId, forKey: .locationId)
        try c.encodeIfPresent(phoneNumber, forKey: .phoneNumber)
        try c.encodeIfPresent(tracking, forKey: .tracking)
        try c.encodeIfPresent(answers, forKey: .answers)
        try c.encodeIfPresent(payment, forKey: .payment)
    }

    public struct Tracking: Codable, Sendable, Equatable, Hashable {
        public var campaign: String?
        public var source: String?
        public var medium: String?
        public var content: String?
        public var term: String?
        public init(campaign: String? = nil, source: String? = nil, medium: String? = nil, content: String? = nil, term: String? = nil) {
            self.campaign = campaign
            self.source = source
            self.medium = medium
            self.content = content
            self.term = term
        }
    }

    public struct Answer: Codable, Sendable, Equatable, Hashable {
        public var questionUid: String
        public var content: String
        public init(questionUid: String, content: String) {
            self.questionUid = questionUid
            self.content = content
        }
    }

    public struct Payment: Codable, Sendable, Equatable, Hashable {
        public var paymentMethod: String
        /// Sent verbatim: the API does not document the item shape, so a pipeline supplies it as JSON.
        public var items: [PaymentItem]
        public var successUrl: String?
        public var cancelUrl: String?
        public init(paymentMethod: String, items: [PaymentItem], successUrl: String? = nil, cancelUrl: String? = nil) {
            self.paymentMethod = paymentMethod
            self.items = items
            self.successUrl = successUrl
            self.cancelUrl = cancelUrl
        }
    }

    /// One payment item: a free-form JSON object of strings and numbers.
    public struct PaymentItem: Codable, Sendable, Equatable, Hashable {
        public var fields: [String: JSONScalar]
        public init(fields: [String: JSONScalar]) { self.fields = fields }
        public init(from decoder: any Decoder) throws {
            fields = try decoder.singleValueContainer().decode([String: JSONScalar].self)
        }
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.singleValueContainer()
            try c.encode(fields)
        }
    }

    public init(startedAt: String, timeZone: String, eventTypeId: String, email: String, name: String) {
        self.startedAt = startedAt
        self.timeZone = timeZone
        self.eventTypeId = eventTypeId
        self.email = email
        self.name = name
    }

    /// The identity used for exactly-once booking: (eventTypeId, email lower-cased, startedAt in UTC).
    public var key: BookingKey {
        BookingKey(eventTypeId: eventTypeId, email: email.lowercased(), startedAt: startedAt)
    }
}

/// A JSON string, number or boolean.
public enum JSONScalar: Codable, Sendable, Equatable, Hashable {
    case string(String)
    case number(Double)
    case bool(Bool)

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let d = try? c.decode(Double.self) { self = .number(d) }
        else { self = .string(try c.decode(String.self)) }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .string(let s): try c.encode(s)
        case .number(let d):
            if d.rounded() == d, abs(d) < 1e15 { try c.encode(Int64(d)) } else { try c.encode(d) }
        case .bool(let b): try c.encode(b)
        }
    }
}
