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
