import Foundation
import Synchronization
import Testing

@testable import GuestList

/// The queue between the reader thread and the recording thread.
@Suite("BatchChannel")
struct BatchChannelTests {
    final class Tracked: Sendable {
        static let alive = Mutex(0)
        init() { Self.alive.withLock { $0 += 1 } }
        deinit { Self.alive.withLock { $0 -= 1 } }
    }

    @Test("every element arrives in order, and taken elements are not kept")
    func deliversInOrderWithoutHoldingTakenElements() async throws {
        let channel = BatchChannel<[Tracked]>(capacity: 3)
        let done = DispatchSemaphore(value: 0)
        Thread {
            for _ in 0..<200 { _ = channel.put([Tracked(), Tracked()]) }
            channel.close()
            done.signal()
        }.start()
        var taken = 0
        var mostAlive = 0
        while let batch = channel.take() {
            #expect(batch.count == 2)
            taken += 1
            usleep(300)  // a slower taker, as SQLite is: the queue stays full
            mostAlive = max(mostAlive, Tracked.alive.withLock { $0 })
        }
        done.wait()
        #expect(taken == 200)
        #expect(mostAlive <= 2 * (3 + 2), "at most the queue's capacity and the batches in hand are alive: \(mostAlive)")
    }

    @Test("closing lets a blocked putter go")
    func closeReleasesAPutter() {
        let channel = BatchChannel<Int>(capacity: 1)
        #expect(channel.put(1))
        let done = DispatchSemaphore(value: 0)
        let result = Mutex<Bool?>(nil)
        Thread {
            result.withLock { $0 = channel.put(2) }
            done.signal()
        }.start()
        channel.close()
        done.wait()
        #expect(result.withLock { $0 } == false)
        #expect(channel.take() == 1)
        #expect(channel.take() == nil)
    }
}

extension BatchChannelTests {
    /// libdispatch traps when a semaphore goes while holding less than it was made with: a channel
    /// closed with places taken must go quietly (a stop while a large source was recorded crashed).
    @Test("a channel closed while full is released without a trap")
    func releasedWhileFull() {
        for _ in 0..<100 {
            let channel = BatchChannel<Int>(capacity: 3)
            for i in 0..<3 { #expect(channel.put(i)) }
            channel.close()
        }
    }
}
