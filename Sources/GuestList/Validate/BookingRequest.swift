/// The JSON body of `POST /v1/bookings` (SPEC §1), after normalization. Absent optionals are not sent.
public struct BookingRequest: Codable, Sendable, Equatable, Hashable {
    /// UTC ISO 8601 with milliseconds, e.g. `2024-03-16T02:00:00.000Z`.
    public var startedAt: String
    /// Canonical IANA zone id.
    public var timeZone: String
    public var eventTypeId: String
    public var email: String
    public var name: String
    public var company: String?
    public var textRemindCountryCode: String?
    public var textRemindNumber: String?
    public var ccEmails: [String]?
    public var message: String?
    public var locale: String?
    public var locationId: String?
    public var phoneNumber: String?
    public var tracking: Tracking?
    public var answers: [Answer]?
    public var payment: Payment?

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
