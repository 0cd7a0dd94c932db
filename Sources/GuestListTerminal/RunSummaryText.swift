import GuestList

/// The summary `guestlist run` prints on stdout when it ends, and `run --dry-run`'s would-be summary.
///
/// It tells the organiser what happened and, only when it applies, the exact next command: resume,
/// retry the failed rows, retry conflicts, export the rows to fix, open the report. Paths are quoted
/// for the shell so every command can be pasted as it is.
public struct RunSummaryText: Sendable {
    /// The run as the ledger recorded it (for a dry run, the would-be counts).
    public var run: RunInfo
    /// Seconds the run (or this session of it) took.
    public var elapsed: Double
    /// The ledger's path as the user should type it.
    public var ledgerPath: String
    /// The pipeline file's path, for the resume and validate commands; when nil those are described.
    public var pipelinePath: String?
    /// A dry run: nothing was sent and no run recorded; `pending` rows are the ones that would be sent.
    public var dryRun: Bool

    public init(run: RunInfo, elapsed: Double, ledgerPath: String, pipelinePath: String? = nil, dryRun: Bool = false) {
        self.run = run
        self.elapsed = elapsed
        self.ledgerPath = ledgerPath
        self.pipelinePath = pipelinePath
        self.dryRun = dryRun
    }

    /// The summary, ending in a newline.
    public func render() -> String {
        let counts = run.counts
        var text = headline() + "\n\n" + countLines(counts)
        if dryRun {
            text += "\nNo request was sent and no run was recorded.\n"
            if counts.invalid + counts.duplicate > 0 {
                text += "To list the problem rows:\n  " + (pipelinePath.map { "guestlist validate \(ShellQuote.quoted($0))" }
                    ?? "guestlist validate PIPELINE") + "\n"
            }
            return text
        }
        let ledger = ShellQuote.quoted(ledgerPath)
        text += "\nLedger: \(ledger)\n"
        var steps: [(String, String)] = []
        if counts.pending > 0 {
            steps.append(("Resume the run (nothing is sent twice):",
                          pipelinePath.map { "guestlist run \(ShellQuote.quoted($0))" } ?? "run the same command again"))
        }
        if counts.failed > 0 {
            steps.append(("Retry the \(rows(counts.failed)) that failed:", "guestlist retry --ledger \(ledger)"))
        }
        let reasons = run.conflictReasons
        if reasons.alreadyBooked > 0 {
            text += "\n\(rows(reasons.alreadyBooked)) ran into a booking the guest already holds (made outside this run): "
                + "nothing to do; the report gives each booking's uid.\n"
        }
        if reasons.slotTaken > 0 {
            text += "\n\(rows(reasons.slotTaken)) found the slot full (other guests hold it): choose another time for "
                + (reasons.slotTaken == 1 ? "that guest" : "those guests") + " in the file below, or free the slot and retry the conflicts.\n"
        }
        let unexplained = counts.conflict - reasons.alreadyBooked - reasons.slotTaken
        if unexplained > 0 {
            steps.append(("\(rows(unexplained)) ended in conflict for a reason that could not be found (final unless you retry them):",
                          "guestlist retry --ledger \(ledger) --conflicts"))
        }
        if counts.invalid + counts.failed + counts.conflict > 0 {
            steps.append(("Export the rows to fix, with the source's own columns:",
                          "guestlist report --ledger \(ledger) --status invalid,failed,conflict --format csv "
                            + "--original --output fix-these.csv"))
            steps.append(("Fix them in fix-these.csv, then send them (rows already booked stay skipped):",
                          "guestlist run \(pipelinePath.map(ShellQuote.quoted) ?? "PIPELINE") --source fix-these.csv"))
        }
        if counts.total > 0 {
            steps.append(("Open the full report:",
                          "guestlist report --ledger \(ledger) --format html --output report.html"))
        }
        for (title, command) in steps { text += "\n\(title)\n  \(command)\n" }
        return text
    }

    private func headline() -> String {
        let took = ReportNumber.duration(elapsed)
        if dryRun {
            return "Dry run of \(run.pipeline): would send \(rows(run.counts.pending)) (checked in \(took))."
        }
        if run.counts.pending > 0 {
            return "Run \(run.id) of \(run.pipeline) stopped after \(took) with \(rows(run.counts.pending)) pending."
        }
        var line = "Run \(run.id) of \(run.pipeline) finished in \(took)."
        if let settled = run.settledRate, settled.automatic {
            line += " rate: auto settled at \(ReportNumber.fixed(settled.rate, places: 1)) requests/s."
        }
        return line
    }

    /// The non-zero counts and the total, labels left and numbers right-aligned; in a dry run
    /// `pending` reads as `to send`.
    private func countLines(_ counts: StatusCounts) -> String {
        var lines = RowStatus.allCases.filter { counts[$0] > 0 }.map { status in
            (dryRun && status == .pending ? "to send" : status.rawValue, ReportNumber.grouped(counts[status]))
        }
        let reasons = run.conflictReasons
        let explained = [("already booked", reasons.alreadyBooked), ("slot taken", reasons.slotTaken)].filter { $0.1 > 0 }
        lines.append(("total", ReportNumber.grouped(counts.total)))
        let numberWidth = lines.map(\.1.count).max() ?? 1
        return lines.map { label, number in
            var line = "  " + label.padding(to: 11) + String(repeating: " ", count: numberWidth - number.count) + number
            if label == RowStatus.conflict.rawValue, !explained.isEmpty {
                let unknown = counts.conflict - reasons.alreadyBooked - reasons.slotTaken
                line += "  (" + (explained + (unknown > 0 ? [("unknown", unknown)] : [])).map { "\($0.1) \($0.0)" }.joined(separator: ", ") + ")"
            }
            return line + "\n"
        }.joined()
    }

    private func rows(_ n: Int) -> String {
        "\(ReportNumber.grouped(n)) " + (n == 1 ? "row" : "rows")
    }
}

extension String {
    /// The string with spaces appended up to `width` characters (ASCII labels only).
    fileprivate func padding(to width: Int) -> String {
        self + String(repeating: " ", count: max(0, width - count))
    }
}
