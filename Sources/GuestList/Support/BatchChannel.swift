import Dispatch
import Synchronization

/// A bounded queue between two threads: the reader's thread puts batches of checked rows in, the
/// recording thread takes them out. At most `capacity` batches wait, so memory stays flat when one side
/// is faster than the other. Either side can close it: the taker sees the end, and a putter blocked on
/// a full queue is let go (its put returns false) when the taker gave up.
final class BatchChannel<Element: Sendable>: Sendable {
    private struct State: ~Copyable {
        /// Taken elements are set to nil at once (the taker owns them now), and the array is compacted
        /// when it is half taken, so it never holds more than about twice the capacity.
        var items: [Element?] = []
        var head = 0
        var closed = false
    }

    private let state = Mutex(State())
    /// Free places in the queue; a putter waits on it.
    private let slots: DispatchSemaphore
    /// Items in the queue, plus one for each close; the taker waits on it.
    private let filled = DispatchSemaphore(value: 0)

    init(capacity: Int) {
        // Made at zero and signalled up to the capacity: libdispatch traps when a semaphore is released
        // holding less than the value it was created with, which this one may when the taker gives up.
        slots = DispatchSemaphore(value: 0)
        for _ in 0..<capacity { slots.signal() }
    }

    /// Elements put and not yet taken: zero when the taker is waiting for work.
    var waiting: Int {
        state.withLock { $0.items.count - $0.head }
    }

    /// Adds `element`, waiting while the queue is full; false when the channel was closed meanwhile.
    func put(_ element: Element) -> Bool {
        slots.wait()
        let open = state.withLock { state -> Bool in
            guard !state.closed else { return false }
            state.items.append(element)
            return true
        }
        if open { filled.signal() } else { slots.signal() }
        return open
    }

    /// The next element, waiting for one; nil once the channel is closed and drained.
    func take() -> Element? {
        filled.wait()
        let element = state.withLock { state -> Element? in
            guard state.head < state.items.count else { return nil }
            let element = state.items[state.head].take()
            state.head += 1
            if state.head * 2 >= state.items.count {
                state.items.removeFirst(state.head)
                state.head = 0
            }
            return element
        }
        if element != nil { slots.signal() } else { filled.signal() }
        return element
    }

    /// No more elements: the taker gets nil after the queued ones, and a waiting putter is released.
    func close() {
        let first = state.withLock { state -> Bool in
            defer { state.closed = true }
            return !state.closed
        }
        guard first else { return }
        filled.signal()
        slots.signal()
    }
}
