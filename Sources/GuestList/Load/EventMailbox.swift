import Foundation

/// Where the loader's child tasks (requests, reconciliations, timers, the stop watcher) leave their events
/// for the coordinator, which takes everything that has arrived at once. Taking in batches is what makes
/// the ledger's group commit real: answers that land while one commit runs share the next one.
final class EventMailbox<Event: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var events: [Event] = []
    private var waiter: CheckedContinuation<[Event], Never>?

    /// Leaves an event; wakes the coordinator if it is waiting.
    func post(_ event: Event) {
        lock.lock()
        if let waiter {
            self.waiter = nil
            lock.unlock()
            waiter.resume(returning: [event])
        } else {
            events.append(event)
            lock.unlock()
        }
    }

    /// Every event left since the last call, without waiting; empty if there are none.
    func takeAvailable() -> [Event] {
        lock.lock()
        defer { lock.unlock() }
        return drainLocked()
    }

    /// Every event left since the last call, waiting for one if there are none. Only the coordinator calls
    /// this, and only while something is still to post (a request, a timer or the stop watcher).
    func take() async -> [Event] {
        await withCheckedContinuation { continuation in
            lock.lock()
            if events.isEmpty {
                waiter = continuation
                lock.unlock()
            } else {
                let taken = drainLocked()
                lock.unlock()
                continuation.resume(returning: taken)
            }
        }
    }

    /// The queued events, leaving the queue empty (its storage kept). Call with the lock held.
    private func drainLocked() -> [Event] {
        let taken = events
        events.removeAll(keepingCapacity: true)
        return taken
    }
}
