import Foundation
import Synchronization

/// A one-shot "stop now" that a signal handler (or a test) fires and the loader awaits.
public final class StopSignal: Sendable {
    private let stream: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation
    private let fired = Atomic<Bool>(false)

    public init() {
        (stream, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Asks the loader to stop: no new request starts; in-flight ones get a grace period.
    public func fire() {
        fired.store(true, ordering: .releasing)
        continuation.yield(())
    }

    /// Whether `fire()` was called: for work that checks between steps rather than awaiting (reading a source).
    public var isFired: Bool { fired.load(ordering: .acquiring) }

    /// Returns when `fire()` is called, or when the waiting task is cancelled.
    func wait() async {
        for await _ in stream { return }
    }
}

/// Why a load ended.
public enum LoadEnd: Sendable, Equatable {
    /// Every pending row was settled.
    case finished
    /// 401/403: no new request was started; the rest stay pending.
    case unauthorized(String)
    /// Nothing could connect after `maxAttempts` tries in a row.
    case unreachable(String)
    /// SIGINT/SIGTERM.
    case interrupted
}

/// A snapshot for the progress bar.
public struct LoadProgress: Sendable, Equatable {
    public var settled: Int
    public var toSend: Int
    public var counts: StatusCounts
    public var inFlight: Int
    public var currentRate: Double
}
