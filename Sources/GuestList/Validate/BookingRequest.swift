/// The JSON body of `POST /v1/bookings` (SPEC §1), after normalization. Absent optionals are not sent.
///
/// The fields are typed wherever SPEC §1 constrains their form: a `UTCInstant`, a canonical
/// `TimeZoneID`, an `EmailAddress`, enums for `locale`, `locationId` and `paymentMethod`. Such a value
/// is valid by construction, so `BookingValidator` checks only what a type cannot say: that required
/// fields are present, lengths, counts, the event type id's and the payment URLs' shapes. The three
/// required typed fields are optional here because a row whose start, zone or email could not be read
/// still goes to the validator for its other fields; a request without them is never sent.
///
/// The fields live in one copy-on-write box: a request is passed and copied several times on its
/// way from a sheet to the ledger, and a struct of sixteen fields is copied field by field, a
/// retain and a release each, wherever the optimizer cannot prove a move. Boxed, a copy is one
/// retain, and a change to a request that is not shared happens in place.
public struct BookingRequest: Codable, Sendable, Equatable, Hashable {
    /// Sent as UTC ISO 8601 with milliseconds, e.g. `2024-03-16T02:00:00.000Z`. Required.
    public var startedAt: UTCInstant? {
        _read { yield box.fields.startedAt }
        _modify {
            makeUnique()
            yield &box.fields.startedAt
        }
    }
    /// Canonical IANA zone id. Required.
    public var timeZone: TimeZoneID? {
        _read { yield box.fields.timeZone }
        _modify {
            makeUnique()
            yield &box.fields.timeZone
        }
    }
    /// Required: empty means missing.
    public var eventTypeId: String {
        _read { yield box.fields.eventTypeId }
        _modify {
            makeUnique()
            yield &box.fields.eventTypeId
        }
    }
    /// Required.
    public var email: EmailAddress? {
        _read { yield box.fields.email }
        _modify {
            makeUnique()
            yield &box.fields.email
        }
    }
    /// Required: empty means missing.
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
    public var ccEmails: [EmailAddress]? {
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
    public var locale: LocaleCode? {
        _read { yield box.fields.locale }
        _modify {
            makeUnique()
            yield &box.fields.locale
        }
    }
    public var locationId: Location? {
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
        var startedAt: UTCInstant?
        var timeZone: TimeZoneID?
        var eventTypeId: String
        var email: EmailAddress?
        var name: String
        var company: String?
        var textRemindCountryCode: String?
        var textRemindNumber: String?
        var ccEmails: [EmailAddress]?
        var message: String?
        var locale: LocaleCode?
        var locationId: Location?
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

    /// A request with only its free-text fields' defaults: what the normalizer fills in.
    init() {
        box = Box(Fields(startedAt: nil, timeZone: nil, eventTypeId: "", email: nil, name: ""))
    }

    public init(startedAt: UTCInstant, timeZone: TimeZoneID, eventTypeId: String, email: EmailAddress, name: String) {
        box = Box(Fields(startedAt: startedAt, timeZone: timeZone, eventTypeId: eventTypeId, email: email, name: name))
    }

    /// The identity used for exactly-once booking: (eventTypeId, email lower-cased, startedAt in UTC);
    /// nil while the start or the email is missing.
    public var key: BookingKey? {
        guard let startedAt, let email else { return nil }
        return BookingKey(eventTypeId: eventTypeId, email: email.text.lowercased(), startedAt: startedAt.text)
    }
}
