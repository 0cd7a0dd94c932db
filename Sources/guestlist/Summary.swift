import Foundation
import GuestList

/// The final summary of `run` and `retry` on stdout: counts, elapsed time, where the ledger is, and the
/// exact commands to retry failed rows and to open the report.
enum Summary {
    static func print(outcome: RunOutcome, ledgerURL: URL) {
        let c = outcome.info.counts
        let shown = RowStatus.allCases.filter { c[$0] > 0 }.map { "\($0.rawValue) \(c[$0])" }
        Terminal.out("Run \(outcome.info.id) of \(outcome.info.pipeline)\(outcome.resumed ? " (resumed)" : ""): " + (shown.isEmpty ? "no rows" : shown.joined(separator: ", ")) + " — \(c.total) rows in \(ProgressLine.duration(outcome.elapsed)).")
        switch outcome.end {
        case .unauthorized(let message)?: Terminal.out("Stopped: \(message) Unsent rows stay pending; fix JICOO_API_KEY and run the same command again.")
        case .unreachable(let message)?: Terminal.out("Stopped: \(message) Unsent rows stay pending; run the same command again when the API is reachable.")
        case .interrupted?: Terminal.out("Stopped on request. Unsent rows stay pending; run the same command again to resume.")
        default: break
        }
        if let fault = outcome.info.sourceFault { Terminal.out("Source fault: \(fault)") }
        if outcome.info.sourceChanged { Terminal.out("Note: the source file changed since this run began; its recorded rows were used.") }
        let ledger = shellQuote(ledgerURL.path)
        Terminal.out("Ledger: \(ledgerURL.path)")
        if c.failed > 0 || c.conflict > 0 {
            Terminal.out("Retry failed rows:  guestlist retry --ledger \(ledger)\(c.conflict > 0 ? "   (add --conflicts to retry conflicts too)" : "")")
        }
        if c.invalid + c.duplicate + c.failed + c.conflict > 0 {
            Terminal.out("Rows to fix:        guestlist report --ledger \(ledger) --status invalid,duplicate,failed,conflict --format csv --original --output fix-these.csv")
        }
        Terminal.out("Report:             guestlist report --ledger \(ledger) --format html --output report.html")
    }

    static func shellQuote(_ s: String) -> String {
        if s.allSatisfy({ $0.isLetter || $0.isNumber || "/._-+:@".contains($0) }) { return s }
        return "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
