import Foundation

/// What a listing's `startedAt`/`endedAt` query parameters bound. Jicoo does not document it
/// (SPEC §1), so the sandbox can play each reading and a client's tests can run under all three.
///
/// Bounds are inclusive; a missing bound leaves that side open. With a window [from, to] and a
/// booking spanning [start, end]:
/// - `start`: from ≤ start ≤ to — each booking's start lies in the window;
/// - `overlap`: start ≤ to and end ≥ from — its span touches the window;
/// - `within`: from ≤ start and end ≤ to — its whole span lies inside the window.
///
/// The default is `within`. A careless client that asks for `startedAt=endedAt=<instant>` finds
/// its booking under `start`, and under `overlap` too (a point at the start touches the span), so
/// either default would hide the mistake; under `within` that query finds nothing, while a client
/// that follows SPEC §1 (a window that holds the instant under every reading, such as
/// [instant, instant + the event's duration] or a whole day, then `startedAt` compared itself)
/// works under all three.
public enum SandboxListingWindow: String, Sendable, Codable, CaseIterable {
    case start
    case overlap
    case within

    /// The strict reading; see the type's discussion.
    public static let `default` = SandboxListingWindow.within

    /// Whether a booking spanning [start, end] is listed for the window [from, to].
    func admits(start: Date, end: Date, from: Date?, to: Date?) -> Bool {
        switch self {
        case .start: (from.map { start >= $0 } ?? true) && (to.map { start <= $0 } ?? true)
        case .overlap: (from.map { end >= $0 } ?? true) && (to.map { start <= $0 } ?? true)
        case .within: (from.map { start >= $0 } ?? true) && (to.map { end <= $0 } ?? true)
        }
    }
}
