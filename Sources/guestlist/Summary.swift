import Foundation
import GuestList
import GuestListTerminal

/// The final summary of `run` and `retry` on stdout: why it stopped (if it did), the counts, the ledger,
/// and the exact next commands.
enum Summary {
    static func print(outcome: RunOutcome, ledgerURL: URL, pipelinePath: String? = nil) {
        if outcome.resumed { Terminal.out("Resumed run \(outcome.info.id).") }
        switch outcome.end {
        case .unauthorized(let message)?:
            Terminal.out("Stopped: \(message) Unsent rows stay pending; fix JICOO_API_KEY and run the same command again.")
        case .unreachable(let message)?:
            Terminal.out("Stopped: \(message) Unsent rows stay pending; run the same command again when the API is reachable.")
        case .interrupted?:
            Terminal.out("Stopped on request. Unsent rows stay pending; run the same command again to resume.")
        default: break
        }
        if let fault = outcome.info.sourceFault {
            Terminal.out("The source broke mid-read: \(fault) The records before it were processed.")
        }
        if outcome.info.sourceChanged {
            Terminal.out("Note: the source file changed since this run began; the rows recorded then were used.")
        }
        Terminal.out(
            RunSummaryText(run: outcome.info, elapsed: outcome.elapsed, ledgerPath: ledgerURL.path, pipelinePath: pipelinePath).render(),
            terminator: "")
    }
}
