import ArgumentParser
import GuestList

/// The one place where outcomes and errors become exit codes (SPEC §5).
///
/// `0` every row `created` or `skipped`; `1` finished, but some rows need attention (or the source broke
/// mid-read); `2` a usage, pipeline or input-file error, or a ledger in use — nothing sent; `3` stopped
/// early, unsent rows stay `pending`.
enum ExitStatus {
    static let success: Int32 = 0
    static let needsAttention: Int32 = 1
    static let usage: Int32 = 2
    static let stoppedEarly: Int32 = 3

    /// How a `run` or `retry` ended.
    static func of(_ outcome: RunOutcome) -> Int32 {
        switch outcome.end {
        case .unauthorized?, .unreachable?, .interrupted?: return stoppedEarly
        case .finished?, nil:
            if outcome.info.counts.pending > 0 { return stoppedEarly }
            return finished(outcome.info.counts, alreadyBooked: outcome.info.conflictReasons.alreadyBooked, sourceFault: outcome.info.sourceFault != nil)
        }
    }

    /// A finished run's rows, or `validate`'s would-be outcome: 0 when every row is done, else 1. A conflict with
    /// a guest who already holds that booking counts as done (SPEC §4).
    static func finished(_ counts: StatusCounts, alreadyBooked: Int = 0, sourceFault: Bool) -> Int32 {
        let clean = counts.invalid + counts.duplicate + counts.conflict - alreadyBooked + counts.failed == 0 && !sourceFault
        return clean ? success : needsAttention
    }

    /// An error that stopped a command.
    static func of(_ code: GuestListError.Code) -> Int32 {
        switch code {
        case .unauthorized, .unreachable, .interrupted, .ledgerWriteFailed: stoppedEarly
        case .sourceMalformed: needsAttention
        default: usage
        }
    }
}
