/// Why a row ended `conflict` (SPEC §4), found after the 409 by looking the slot up; stored in
/// `rows.conflict_reason` and shown as `conflictReason` in reports.
public enum ConflictReason: String, Sendable, Codable, CaseIterable {
    /// This guest already holds a live booking of that event type at that instant, made outside this run; its
    /// uid is the row's `bookingUid`. Nothing to do: it counts as done, and `retry --conflicts` leaves it.
    case alreadyBooked
    /// Other guests' bookings hold the slot: pick another time, or free the slot, then `retry --conflicts`.
    case slotTaken
    /// The lookup found neither, or could not be made.
    case unknown
}

/// How many of a run's `conflict` rows have each reason.
public struct ConflictCounts: Sendable, Equatable {
    public var alreadyBooked = 0
    public var slotTaken = 0
    public var unknown = 0

    public init(alreadyBooked: Int = 0, slotTaken: Int = 0, unknown: Int = 0) {
        self.alreadyBooked = alreadyBooked
        self.slotTaken = slotTaken
        self.unknown = unknown
    }

    public subscript(reason: ConflictReason) -> Int {
        get {
            switch reason {
            case .alreadyBooked: alreadyBooked
            case .slotTaken: slotTaken
            case .unknown: unknown
            }
        }
        set {
            switch reason {
            case .alreadyBooked: alreadyBooked = newValue
            case .slotTaken: slotTaken = newValue
            case .unknown: unknown = newValue
            }
        }
    }
}
