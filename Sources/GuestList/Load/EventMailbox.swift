import NIOConcurrencyHelpers

/// Where the loader's child tasks (requests, reads, timers, the stop watcher) leave their events for the
/// coordinator, which takes everything that has arrived at once. Taking in batches is what makes the ledger's
/// group commit real: answers that land while one commit runs share the next one.
///
/// The lock is NIO's (a pthread mutex), not `Synchronization.Mutex`: every request posts here, and with `Mutex`
/// the loader made 40 % more futex calls and ran a few points slower in the paired load benchmark.
final class EventMailbox<Event: Sendable>: Sendable {
    private struct State {
        var events: [Event] = []
        var waiter: CheckedContinuation<[Event], Never>?
    }

    private let state = NIOLockedValueBox(State())

    /// Leaves an event; wakes the coordinator if it is waiting.
    func post(_ event: Event) {
        let waiter = state.withLockedValue { state -> CheckedContinuation<[Event], Never>? in
            guard let waiter = state.waiter else {
                state.events.append(event)
                return nil
            }
            state.waiter = nil
            return waiter
        }
        waiter?.resume(returning: [event])
    }

    /// Every event left since the last call, without waiting; empty if there are none.
    func takeAvailable() -> [Event] {
        state.withLockedValue { Self.drain(&$0) }
    }

    /// Every event left since the last call, waiting for one if there are none. Only the coordinator calls
    /// this, and only while something is still to post (a request, a timer or the stop watcher).
    func take() async -> [Event] {
        await withCheckedContinuation { continuation in
            let taken = state.withLockedValue { state -> [Event]? in
                guard state.events.isEmpty else { return Self.drain(&state) }
                state.waiter = continuation
                return nil
            }
            if let taken { continuation.resume(returning: taken) }
        }
    }

    /// The queued events, leaving the queue empty (its storage kept).
    private static func drain(_ state: inout State) -> [Event] {
        let taken = state.events
        state.events.removeAll(keepingCapacity: true)
        return taken
    }
}
