/// An event type the sandbox knows, with the limits that make bookings conflict.
///
/// The real API keeps these server-side; the sandbox needs them to compute `endedAt`, to
/// enforce a slot's capacity (409) and to reject answers to unknown questions (422).
public struct SandboxEventType: Sendable, Codable, Equatable {
    /// The id sent as `eventTypeId`.
    public var uid: String
    /// A human name, echoed by `GET /v1/event_types/{uid}`.
    public var name: String
    /// Length of one booking: `endedAt = startedAt + durationMinutes`.
    public var durationMinutes: Int
    /// How many bookings one slot (eventTypeId, startedAt) may hold before a POST gets 409.
    public var capacity: Int
    /// The question uids an `answers` item may name.
    public var questionUids: [String]

    /// An event type; `questionUids` defaults to none.
    public init(uid: String, name: String, durationMinutes: Int, capacity: Int, questionUids: [String] = []) {
        self.uid = uid
        self.name = name
        self.durationMinutes = durationMinutes
        self.capacity = capacity
        self.questionUids = questionUids
    }

    /// The event types every sandbox starts with: the samples' event, the demo's, and a
    /// one-seat room that makes capacity conflicts easy to provoke.
    public static let defaults: [SandboxEventType] = [
        SandboxEventType(
            uid: "mzgdPJVBb7RE", name: "Spring Summit 2030", durationMinutes: 60, capacity: 500,
            questionUids: ["q-diet", "q-tshirt"]),
        SandboxEventType(uid: "demoEvent001", name: "guestlist demo", durationMinutes: 30, capacity: 200),
        SandboxEventType(uid: "smallRoom01", name: "Small room", durationMinutes: 30, capacity: 1),
    ]
}
