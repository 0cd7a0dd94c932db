import Foundation
import GuestList
import GuestListTerminal
import Synchronization

/// The progress bar on stderr while a run sends (SPEC §5): redrawn in place at most ten times a second
/// when stderr is a terminal, a plain line every five seconds when it is not, nothing with --quiet.
/// The loader reports from its own task, so the drawing state sits behind a lock.
final class ProgressPrinter: Sendable {
    private struct State {
        var throttle: RedrawThrottle
        var start = Date()
        var drew = false
        var doneAtStart: Int?
        var latest: LoadProgress?
    }

    private let enabled: Bool
    private let terminal: Bool
    private let state: Mutex<State>

    init(enabled: Bool) {
        self.enabled = enabled
        let terminal = Terminal.stderrIsTerminal
        self.terminal = terminal
        state = Mutex(State(throttle: RedrawThrottle(interval: terminal ? 0.1 : 5)))
    }

    /// Called with the records read so far while a long source is read and checked (after every batch).
    func reading(_ records: Int) {
        guard enabled, records % 10_000 == 0 else { return }
        if terminal {
            FileHandle.standardError.write(Data("\r\u{1B}[2KReading and checking… \(records) rows".utf8))
        } else if records % 100_000 == 0 {
            Terminal.err("Read and checked \(records) rows…")
        }
    }

    /// Reading is over: the "Reading and checking…" line goes.
    func doneReading() {
        guard enabled, terminal else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
    }

    /// The run is recorded (`counts`), or an unfinished one is resumed (nil).
    func recorded(_ counts: StatusCounts?) {
        guard enabled else { return }
        if terminal { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
        if let c = counts {
            Terminal.err("Read \(c.total) rows: \(c.pending) to send, \(c.skipped) already booked, \(c.invalid) invalid, \(c.duplicate) duplicate.")
        } else {
            Terminal.err("Resuming the unfinished run…")
        }
        state.withLock { $0.start = Date() }
    }

    func update(_ progress: LoadProgress) {
        guard enabled else { return }
        state.withLock { state in
            state.latest = progress
            let renderer = renderer(for: progress, state)
            if state.doneAtStart == nil { state.doneAtStart = renderer.done }
            guard state.throttle.shouldRedraw(at: Date().timeIntervalSince1970, force: renderer.remaining == 0) else { return }
            draw(progress, &state)
        }
    }

    private func renderer(for p: LoadProgress, _ state: State) -> ProgressRenderer {
        ProgressRenderer(
            total: p.counts.total, counts: p.counts, elapsed: Date().timeIntervalSince(state.start),
            doneAtStart: state.doneAtStart ?? 0, width: Self.terminalWidth(), colour: Terminal.useColor)
    }

    private func draw(_ p: LoadProgress, _ state: inout State) {
        let renderer = renderer(for: p, state)
        if terminal {
            FileHandle.standardError.write(Data(("\r\u{1B}[2K" + renderer.line()).utf8))
            state.drew = true
        } else {
            Terminal.err(renderer.plainLine())
        }
    }

    func finish() {
        guard enabled else { return }
        state.withLock { state in
            if let latest = state.latest, terminal { draw(latest, &state) }
            if state.drew { FileHandle.standardError.write(Data("\n".utf8)) }
        }
    }

    static func terminalWidth() -> Int {
        var size = winsize()
        if ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return 80
    }
}
