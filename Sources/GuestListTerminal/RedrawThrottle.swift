import GuestList

/// Decides when the progress line may be redrawn: at most once per `interval` seconds.
///
/// Redrawing on every finished row would flood a slow terminal (or an SSH session) with thousands of
/// writes a second. Time is passed in rather than read, so tests drive it and the CLI can use any
/// monotonic clock.
public struct RedrawThrottle: Sendable {
    /// The shortest gap between two redraws, in seconds: 0.1 for a terminal (10 per second at most),
    /// a few seconds for the plain lines written to a log.
    public var interval: Double
    private var lastDraw: Double?

    public init(interval: Double = 0.1) {
        self.interval = interval
    }

    /// True when a redraw is due at `now` (seconds on a monotonic clock), and notes it as done.
    /// - Parameter force: draw regardless, for the first and the final state.
    public mutating func shouldRedraw(at now: Double, force: Bool = false) -> Bool {
        // A clock that went backwards (it should not) redraws rather than freezing the line.
        if !force, let lastDraw, now >= lastDraw, now - lastDraw < interval { return false }
        lastDraw = now
        return true
    }
}
