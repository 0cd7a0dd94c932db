import Testing

@testable import GuestList

/// The stop signal: fired once, seen by every waiter, before or after they wait.
@Suite("StopSignal")
struct StopSignalTests {
    @Test("every waiter wakes; a waiter after the fire returns at once; a cancelled waiter returns")
    func waiters() async {
        let stop = StopSignal()
        #expect(!stop.isFired)
        async let a: Void = stop.wait()
        async let b: Void = stop.wait()
        try? await Task.sleep(nanoseconds: 20_000_000)
        stop.fire()
        stop.fire()
        _ = await (a, b)
        #expect(stop.isFired)
        await stop.wait()
        let other = StopSignal()
        let waiter = Task { await other.wait() }
        waiter.cancel()
        await waiter.value
        #expect(!other.isFired)
    }
}
