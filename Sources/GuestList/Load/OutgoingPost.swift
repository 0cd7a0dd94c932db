/// A POST on its way: the row, the attempt recorded for it, and when it left (monotonic seconds).
struct OutgoingPost: Sendable, Equatable {
    var row: PendingRow
    var attemptID: Int64
    var sentAt: Double
}
