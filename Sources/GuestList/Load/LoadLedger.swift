/// What the loader needs from the ledger (SPEC §4), and no more: a small seam so that the loader's loop can be
/// tested against a fake, and the SQLite ledger (`Ledger`) stays the only real one.
///
/// Every method runs on the loader's coordinator, one at a time; each write is one transaction that is durable
/// when it returns (`PRAGMA synchronous = FULL`), except between `deferSyncs()` and `restoreSyncs()`, when the
/// loader makes commits durable itself, off the coordinator.
public protocol LoadLedger {
    /// Closes the attempts a dead process left open (they become uncertain, and their rows are reconciled
    /// before being sent again), and marks where this session's attempts begin.
    func closeOrphanedAttempts(run: Int) throws(GuestListError)

    /// Settles as `skipped` the pending rows of `run` whose keys another run of this ledger has booked since
    /// (a retry of an old run, a resume). Uncertain rows are left to reconciliation: the booking may be their
    /// own. Returns how many rows it settled.
    func skipKeysBookedElsewhere(run: Int, at time: Double) throws(GuestListError) -> Int

    /// Up to `limit` pending rows of `run` with a row number above `after`, in source order.
    func pendingRows(run: Int, after: Int, limit: Int) throws(GuestListError) -> [PendingRow]

    /// How many rows of `run` are in each status.
    func counts(run: Int) throws(GuestListError) -> StatusCounts

    /// One group commit: `results`, and an attempt recorded as started at `time` for each row of `starting`
    /// (in that order), whose ids it returns. It returns only once the commit is durable, so an attempt is on
    /// disk before its request leaves.
    func commit(run: Int, results: [AttemptResult], starting: [Int], at time: Double) throws(GuestListError) -> [Int64]

    /// Deletes attempts recorded as started whose requests never left (primed when the run stopped).
    func abandonAttempts(_ ids: [Int64]) throws(GuestListError)

    /// Lets the load's commits return before the disk has synced, and hands back what syncs it: the loader then
    /// syncs off its coordinator after each commit that starts attempts, and sends none of them before that sync
    /// is done. nil when the ledger's own commits must stay synchronous (the loader then just commits).
    func deferSyncs() throws(GuestListError) -> WALSync?

    /// Commits sync the disk themselves again; the loader has synced what it committed.
    func restoreSyncs() throws(GuestListError)
}
