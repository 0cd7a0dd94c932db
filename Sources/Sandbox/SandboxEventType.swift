/// An event type the sandbox knows, with the limits that make bookings conflict.
///
/// The real API keeps these server-side; the sandbox needs them to compute `endedAt`, to
/// enforce a slot's capacity (409), to reject answers to unknown questions (422), to give a
/// booking its title (`name`), and to decide whether a new booking is `open` or a `request`.
public struct SandboxEventType: Sendable, Codable, Equatable {
    /// The id sent as `eventTypeId`.
    public var uid: String
    /// The event's title: `GET /v1/event_types/{uid}`'s `name`, and every booking's `name`.
    public var name: String
    /// Length of one booking: `endedAt = startedAt + durationMinutes`.
    public var durationMinutes: Int
    /// How many live (not cancelled) bookings one slot (eventTypeId, startedAt) may hold before
    /// a POST gets 409; 0 closes the event type. Changeable while the sandbox runs.
    public var capacity: Int
    /// The question uids an `answers` item may name.
    public var questionUids: [String]
    /// A host must approve each booking: new bookings start as `request` instead of `open`.
    public var requiresApproval: Bool

    /// An event type; `questionUids` defaults to none and bookings to `open`.
    public init(
        uid: String, name: String, durationMinutes: Int, capacity: Int, questionUids: [String] = [],
        requiresApproval: Bool = false
    ) {
        self.uid = uid
        self.name = name
        self.durationMinutes = durationMinutes
        self.capacity = capacity
        self.questionUids = questionUids
        self.requiresApproval = requiresApproval
    }

    enum CodingKeys: String, CodingKey { case uid, name, durationMinutes, capacity, questionUids, requiresApproval }

    /// Decodes an event type; a missing `questionUids` or `requiresApproval` takes the default.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        uid = try c.decode(String.self, forKey: .uid)
        name = try c.decode(String.self, forKey: .name)
        durationMinutes = try c.decode(Int.self, forKey: .durationMinutes)
        capacity = try c.decode(Int.self, forKey: .capacity)
        questionUids = try c.decodeIfPresent([String].self, forKey: .questionUids) ?? []
        requiresApproval = try c.decodeIfPresent(Bool.self, forKey: .requiresApproval) ?? false
    }

    /// The status a new booking of this event type starts with (SPEC §1: `request` or `open`).
    var initialStatus: SandboxBooking.Status { requiresApproval ? .request : .open }

    /// The event types every sandbox starts with: the samples' event, the demo's, and a
    /// one-seat room that makes capacity conflicts easy to provoke. All take bookings as `open`.
    public static let defaults: [SandboxEventType] = [
        SandboxEventType(
            uid: "mzgdPJVBb7RE", name: "Spring Summit 2030", durationMinutes: 60, capacity: 500,
            questionUids: ["q-diet", "q-tshirt"]),
        SandboxEventType(uid: "demoEvent001", name: "guestlist demo", durationMinutes: 30, capacity: 200),
        SandboxEventType(uid: "smallRoom01", name: "Small room", durationMinutes: 30, capacity: 1),
    ]
}
