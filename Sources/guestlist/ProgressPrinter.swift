import Foundation
import GuestList

/// The progress bar on stderr while a run sends (SPEC §5): redrawn in place at most ten times a second
/// when stderr is a terminal, a plain line every few seconds when it is not, nothing with --quiet.
final class ProgressPrinter: @unchecked Sendable {
    private let enabled: Bool
    private let terminal: Bool
    private let lock = NSLock()
    private var last: Double = 0
    private var start = Date()
    private var drew = false
    private var latest: LoadProgress?

    init(enabled: Bool) {
        self.enabled = enabled
        terminal = Terminal.stderrIsTerminal
    }

    func prepared(_ prepared: PreparedRun?, resumed: Bool) {
        guard enabled else { return }
        if resumed {
            Terminal.err("Resuming the unfinished run…")
        } else if let prepared {
            let c = prepared.counts
            Terminal.err("Read \(c.total) rows: \(c.pending) to send, \(c.skipped) already booked, \(c.invalid) invalid, \(c.duplicate) duplicate.")
        }
        start = Date()
    }

    func update(_ progress: LoadProgress) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        latest = progress
        let now = Date().timeIntervalSince1970
        let interval = terminal ? 0.1 : 5
        guard now - last >= interval || progress.settled == progress.toSend else { return }
        last = now
        draw(progress)
    }

    private func draw(_ p: LoadProgress) {
        let elapsed = Date().timeIntervalSince(start)
        let line = ProgressLine.render(progress: p, elapsed: elapsed, width: terminal ? 100 : nil, color: Terminal.useColor)
        if terminal {
            FileHandle.standardError.write(Data(("\r\u{1B}[2K" + line).utf8))
            drew = true
        } else {
            Terminal.err(line)
        }
    }

    func finish() {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        if let latest, terminal { draw(latest) }
        if drew { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}

/// Formats one progress line: done/total, rate, ETA, counts per status.
enum ProgressLine {
    static func render(progress p: LoadProgress, elapsed: Double, width: Int?, color: Bool) -> String {
        let rate = elapsed > 0 ? Double(p.settled) / elapsed : 0
        let remaining = p.toSend - p.settled
        let eta = rate > 0 ? Double(remaining) / rate : 0
        let fraction = p.toSend > 0 ? Double(p.settled) / Double(p.toSend) : 1
        let barWidth = 20
        let filled = Int((fraction * Double(barWidth)).rounded(.down))
        let bar = "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: barWidth - filled) + "]"
        let counts = RowStatus.allCases.filter { p.counts[$0] > 0 }.map { "\($0.rawValue) \(p.counts[$0])" }.joined(separator: " · ")
        return "\(bar) \(p.settled)/\(p.toSend)  \(String(format: "%.1f", rate)) rows/s  ETA \(duration(eta))  \(counts)"
    }

    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        if s >= 3600 { return "\(s / 3600)h\(s % 3600 / 60)m" }
        if s >= 60 { return "\(s / 60)m\(s % 60)s" }
        return "\(s)s"
    }
}
