/// The JSON body of `POST /v1/bookings` (SPEC §1), after normalization. Absent optionals are not sent.
///
/// The fields are typed wherever SPEC §1 constrains their form: a `UTCInstant`, a canonical
/// `TimeZoneID`, an `EmailAddress`, enums for `locale`, `locationId` and `paymentMethod`. Such a value
/// is valid by construction, so `BookingValidator` checks only what a type cannot say: that required
/// fields are present, lengths, counts, the event type id's and the payment URLs' shapes. The three
/// required typed fields are optional here because a row whose start, zone or email could not be read
/// still goes to the validator for its other fields; a request without them is never sent.
public struct BookingRequest: Codable, Sendable, Equatable, Hashable {
    /// Sent as UTC ISO 8601 with milliseconds, e.g. `2024-03-16T02:00:00.000Z`. Required.
    public var startedAt: UTCInstant?
    /// Canonical IANA zone id. Required.
    public var timeZone: TimeZoneID?
    /// Required: empty means missing.
    public var eventTypeId: String
    /// Required.
    public var email: EmailAddress?
    /// Required: empty means missing.
    public var name: String
    public var company: String?
    public var textRemindCountryCode: String?
    public var textRemindNumber: String?
    public var ccEmails: [EmailAddress]?
    public var message: String?
    public var locale: LocaleCode?
    public var locationId: Location?
    public var phoneNumber: String?
    public var tracking: Tracking?
    public var answers: [Answer]?
    public var payment: Payment?

    /// A request with only its free-text fields' defaults: what the normalizer fills in.
    init() {
        eventTypeId = ""
        name = ""
    }

    public init(startedAt: UTCInstant, timeZone: TimeZoneID, eventTypeId: String, email: EmailAddress, name: String) {
        self.startedAt = startedAt
        self.timeZone = timeZone
        self.eventTypeId = eventTypeId
        self.email = email
        self.name = name
    }

    /// The identity used for exactly-once booking: (eventTypeId, email lower-cased, startedAt in UTC);
    /// nil while the start or the email is missing.
    public var key: BookingKey? {
        guard let startedAt, let email else { return nil }
        return BookingKey(eventTypeId: eventTypeId, email: email.text.lowercased(), startedAt: startedAt.text)
    }
}
