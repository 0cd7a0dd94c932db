/// The JSON body of `POST /v1/bookings` (SPEC §1), after normalization. Absent optionals are not sent.
///
/// The fields live in one copy-on-write box: a request is passed and copied several times on its
/// way from a sheet to the ledger, and a struct of sixteen fields is copied field by field, a
/// retain and a release each, wherever the optimizer cannot prove a move. Boxed, a copy is one
/// retain, and a change to a request that is not shared happens in place.
public struct BookingRequest: Codable, Sendable, Equatable, Hashable {
    /// UTC ISO 8601 with milliseconds, e.g. `2024-03-16T02:00:00.000Z`.
    public var startedAt: String {
        _read { yield box.fields.startedAt }
        _modify {
            makeUnique()
            yield &box.fields.startedAt
        }
    }
    /// Canonical IANA zone id.
    public var timeZone: String {
        _read { yield box.fields.timeZone }
        _modify {
            makeUnique()
            yield &box.fields.timeZone
        }
    }
    public var eventTypeId: String {
        _read { yield box.fields.eventTypeId }
        _modify {
            makeUnique()
            yield &box.fields.eventTypeId
        }
    }
    public var email: String {
        _read { yield box.fields.email }
        _modify {
            makeUnique()
            yield &box.fields.email
        }
    }
    public var name: String {
        _read { yield box.fields.name }
        _modify {
            makeUnique()
            yield &box.fields.name
        }
    }
    public var company: String? {
        _read { yield box.fields.company }
        _modify {
            makeUnique()
            yield &box.fields.company
        }
    }
    public var textRemindCountryCode: String? {
        _read { yield box.fields.textRemindCountryCode }
        _modify {
            makeUnique()
            yield &box.fields.textRemindCountryCode
        }
    }
    public var textRemindNumber: String? {
        _read { yield box.fields.textRemindNumber }
        _modify {
            makeUnique()
            yield &box.fields.textRemindNumber
        }
    }
    public var ccEmails: [String]? {
        _read { yield box.fields.ccEmails }
        _modify {
            makeUnique()
            yield &box.fields.ccEmails
        }
    }
    public var message: String? {
        _read { yield box.fields.message }
        _modify {
            makeUnique()
            yield &box.fields.message
        }
    }
    public var locale: String? {
        _read { yield box.fields.locale }
        _modify {
            makeUnique()
            yield &box.fields.locale
        }
    }
    public var locationId: String? {
        _read { yield box.fields.locationId }
        _modify {
            makeUnique()
            yield &box.fields.locationId
        }
    }
    public var phoneNumber: String? {
        _read { yield box.fields.phoneNumber }
        _modify {
            makeUnique()
            yield &box.fields.phoneNumber
        }
    }
    public var tracking: Tracking? {
        _read { yield box.fields.tracking }
        _modify {
            makeUnique()
            yield &box.fields.tracking
        }
    }
    public var answers: [Answer]? {
        _read { yield box.fields.answers }
        _modify {
            makeUnique()
            yield &box.fields.answers
        }
    }
    public var payment: Payment? {
        _read { yield box.fields.payment }
        _modify {
            makeUnique()
            yield &box.fields.payment
        }
    }

    private var box: Box

    /// The stored fields; `Codable`, `Equatable` and `Hashable` come from here.
    private struct Fields: Codable, Sendable, Hashable {
        var startedAt: String
        var timeZone: String
        var eventTypeId: String
        var email: String
        var name: String
        var company: String?
        var textRemindCountryCode: String?
        var textRemindNumber: String?
        var ccEmails: [String]?
        var message: String?
        var locale: String?
        var locationId: String?
        var phoneNumber: String?
        var tracking: Tracking?
        var answers: [Answer]?
        var payment: Payment?
    }

    /// Never mutated while shared (`makeUnique` copies it first), so sharing it across threads is
    /// safe. Only the accessors above touch `fields`, one access at a time, so the runtime's
    /// exclusivity checks (which cost more than the access) are off for it.
    private final class Box: @unchecked Sendable {
        @exclusivity(unchecked) var fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    private mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&box) { box = Box(box.fields) }
    }

    public init(from decoder: any Decoder) throws {
        box = Box(try Fields(from: decoder))
    }

    public func encode(to encoder: any Encoder) throws {
        try box.fields.encode(to: encoder)
    }

    public static func == (lhs: BookingRequest, rhs: BookingRequest) -> Bool {
        lhs.box === rhs.box || lhs.box.fields == rhs.box.fields
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(box.fields)
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
        box = Box(Fields(startedAt: startedAt, timeZone: timeZone, eventTypeId: eventTypeId, email: email, name: name))
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
