/// A booking as the listing gives it: the fields reconciliation reads. A booking object carries no guest
/// email (SPEC §1); who it is for comes from its contacts.
public struct ListedBooking: Sendable, Equatable {
    public var uid: String
    public var eventTypeId: String?
    /// As the API wrote it; compared as an instant, never as text.
    public var startedAt: String
    /// `open`, `request` or `cancel`; a cancelled booking holds neither its slot nor its guest.
    public var status: String?

    public init(uid: String, eventTypeId: String?, startedAt: String, status: String?) {
        self.uid = uid
        self.eventTypeId = eventTypeId
        self.startedAt = startedAt
        self.status = status
    }
}
