import Foundation
import GuestList
import GuestListTerminal

/// The progress bar on stderr while a run sends (SPEC §5): redrawn in place at most ten times a second
/// when stderr is a terminal, a plain line every five seconds when it is not, nothing with --quiet.
final class ProgressPrinter: @unchecked Sendable {
    private let enabled: Bool
    private let terminal: Bool
    private let lock = NSLock()
    private var throttle: RedrawThrottle
    private var start = Date()
    private var drew = false
    private var doneAtStart: Int?
    private var latest: LoadProgress?

    init(enabled: Bool) {
        self.enabled = enabled
        terminal = Terminal.stderrIsTerminal
        throttle = RedrawThrottle(interval: terminal ? 0.1 : 5)
    }

    /// Called every 10,000 records while a long source is read and checked.
    func reading(_ records: Int) {
        guard enabled else { return }
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
        if counts == nil {
            Terminal.err("Resuming the unfinished run…")
        } else if let c = counts {
            Terminal.err("Read \(c.total) rows: \(c.pending) to send, \(c.skipped) already booked, \(c.invalid) invalid, \(c.duplicate) duplicate.")
        }
        start = Date()
    }

    func update(_ progress: LoadProgress) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        latest = progress
        let renderer = renderer(for: progress)
        if doneAtStart == nil { doneAtStart = renderer.done }
        guard throttle.shouldRedraw(at: Date().timeIntervalSince1970, force: renderer.remaining == 0) else { return }
        draw(progress)
    }

    private func renderer(for p: LoadProgress) -> ProgressRenderer {
        ProgressRenderer(
            total: p.counts.total, counts: p.counts, elapsed: Date().timeIntervalSince(start), doneAtStart: doneAtStart ?? 0,
            width: Self.terminalWidth(), colour: Terminal.useColor)
    }

    private func draw(_ p: LoadProgress) {
        let renderer = renderer(for: p)
        if terminal {
            FileHandle.standardError.write(Data(("\r\u{1B}[2K" + renderer.line()).utf8))
            drew = true
        } else {
            Terminal.err(renderer.plainLine())
        }
    }

    func finish() {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        if let latest, terminal { draw(latest) }
        if drew { FileHandle.standardError.write(Data("\n".utf8)) }
    }

    static func terminalWidth() -> Int {
        var size = winsize()
        if ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return 80
    }
}
