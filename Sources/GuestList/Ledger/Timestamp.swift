import Foundation

/// ISO 8601 UTC timestamps to the second (`2026-11-28T10:17:40Z`) for the ledger's runs and bookings,
/// formatted by the same code as the API's instants rather than by a Foundation formatter.
enum Timestamp {
    static func now() -> String { format(Date()) }

    static func format(_ date: Date) -> String {
        let withMilliseconds = UTCTimestamp.format(seconds: Int64(date.timeIntervalSince1970.rounded(.down)), millisecond: 0)
        return withMilliseconds.dropLast(5) + "Z"
    }
}
