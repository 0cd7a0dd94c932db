import Dispatch
import Foundation
import GuestList

/// SIGINT/SIGTERM handling: the first signal asks the loader to stop (no new request starts, in-flight ones
/// get a few seconds); a second one exits at once with 3 — the ledger stays consistent either way, since
/// every attempt was committed before it was sent.
final class SignalTrap {
    let stop = StopSignal()
    private let sources: [any DispatchSourceSignal]

    init() {
        var sources: [any DispatchSourceSignal] = []
        let stop = self.stop
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            let count = ManagedCount()
            source.setEventHandler {
                if count.increment() == 1 {
                    Terminal.err("\nguestlist: stopping — letting requests in flight finish (press Ctrl-C again to quit now)…")
                    stop.fire()
                } else {
                    exit(3)
                }
            }
            source.resume()
            sources.append(source)
        }
        self.sources = sources
    }

    deinit {
        for s in sources { s.cancel() }
    }
}

/// A tiny thread-safe counter.
final class ManagedCount: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func increment() -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += 1
        return value
    }
}
