import Dispatch
import Foundation
import GuestList
import Synchronization

/// SIGINT/SIGTERM handling for `run`, `retry` and `demo` (SPEC §5): the first signal fires `stop`, which the
/// command's phases watch (reading and recording between batches, the loader), so that no new request
/// starts and in-flight ones get a few seconds; a second signal, of either kind, quits at once with 3. Quitting at once is safe because every attempt is committed as started before its request is
/// sent: the next `run` reconciles what was in flight, and a recording cut short is discarded.
///
/// The signals are taken from the default action (which would kill the process with no exit code of 3)
/// and delivered through Dispatch sources, on a queue of their own rather than in a C handler, so the
/// handler may print and fire `stop` freely.
final class SignalTrap {
    let stop = StopSignal()
    private let sources: [any DispatchSourceSignal]

    init() {
        let stop = self.stop
        // One count for both signals: a Ctrl-C followed by a `docker stop`'s SIGTERM is a second request
        // to stop, as much as a second Ctrl-C is.
        let received = SignalCount()
        let queue = DispatchQueue(label: "guestlist.signals")
        sources = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler {
                if received.next() == 1 {
                    Terminal.err("\nguestlist: stopping — letting requests in flight finish (press Ctrl-C again to quit now)…")
                    stop.fire()
                } else {
                    Terminal.err("guestlist: quitting now; run the same command again to resume.")
                    // `_exit`, not `exit`: other threads are still running, and `exit` would run atexit
                    // handlers and destructors under them. SQLite needs no goodbye: a transaction cut off
                    // here is rolled back when the ledger is next opened.
                    _exit(3)
                }
            }
            source.resume()
            return source
        }
    }

    deinit {
        for source in sources { source.cancel() }
    }
}

/// How many stop signals have arrived, shared by the handlers of SIGINT and SIGTERM.
private final class SignalCount: Sendable {
    private let value = Atomic<Int>(0)

    /// Counts one more signal; returns how many have arrived, this one included.
    func next() -> Int {
        value.add(1, ordering: .relaxed).newValue
    }
}
