@testable import GuestList

/// A `LoadLedger` in memory, with the SQLite ledger's rules where the loader depends on them: what makes a row
/// uncertain or a pending conflict, attempts recorded before they leave, primed ones abandoned. For unit tests of
/// the loader without SQLite.
final class MemoryLedger: LoadLedger {
    struct Row {
        var status: RowStatus = .pending
        var key: BookingKey
        var payload: String
        var transientAttempts = 0
        var wasUncertain = false
        var httpStatus: Int?
        var bookingUid: String?
        var error: String?
        var conflictReason: ConflictReason?
    }

    struct Attempt {
        var id: Int64
        var row: Int
        var finished = false
        var outcome: AttemptCode?
        var httpStatus: Int?
        var error: String?
    }

    var rows: [Int: Row] = [:]
    var attempts: [Attempt] = []
    /// Every commit, for checking what shared one.
    var commits: [(results: [AttemptResult], starting: [Int])] = []
    var pageReads: [(after: Int, limit: Int)] = []
    var abandoned: [Int64] = []
    private var nextID: Int64 = 1

    init(rows count: Int, key: (Int) -> BookingKey = MemoryLedger.key) {
        for n in stride(from: 1, through: count, by: 1) {
            let k = key(n)
            rows[n] = Row(key: k, payload: #"{"email":"\#(k.email)","eventTypeId":"\#(k.eventTypeId)","startedAt":"\#(k.startedAt)"}"#)
        }
    }

    static func key(_ n: Int) -> BookingKey {
        BookingKey(eventTypeId: "ev", email: "g\(n)@example.com", startedAt: "2030-06-01T01:00:00.000Z")
    }

    func closeOrphanedAttempts(run: Int) throws(GuestListError) {
        for i in attempts.indices where !attempts[i].finished {
            attempts[i].finished = true
            attempts[i].outcome = .uncertain
            rows[attempts[i].row]?.wasUncertain = true
        }
    }

    func skipKeysBookedElsewhere(run: Int, at time: Double) throws(GuestListError) -> Int { 0 }

    func pendingRows(run: Int, after: Int, limit: Int) throws(GuestListError) -> [PendingRow] {
        pageReads.append((after, limit))
        return rows.keys.sorted().filter { $0 > after && rows[$0]!.status == .pending }.prefix(limit).map { n in
            let row = rows[n]!
            let latest = attempts.last { $0.row == n }
            let code = latest.map { $0.finished ? $0.outcome : .uncertain } ?? nil
            let conflictPending = code == .conflict && row.conflictReason == nil
            return PendingRow(
                row: n, key: row.key, payload: row.payload, transientAttempts: row.transientAttempts, uncertain: code == .uncertain,
                wasUncertain: row.wasUncertain, conflictPending: conflictPending, note: conflictPending ? row.error : nil)
        }
    }

    func counts(run: Int) throws(GuestListError) -> StatusCounts {
        var counts = StatusCounts()
        for row in rows.values { counts[row.status] += 1 }
        return counts
    }

    func commit(run: Int, results: [AttemptResult], starting: [Int], at time: Double) throws(GuestListError) -> [Int64] {
        commits.append((results, starting))
        for r in results {
            if let i = attempts.firstIndex(where: { $0.id == r.attemptID }) {
                attempts[i].finished = true
                attempts[i].outcome = r.outcome
                attempts[i].httpStatus = r.httpStatus
                attempts[i].error = r.error
            }
            if let status = r.status {
                rows[r.row]?.status = status
                rows[r.row]?.httpStatus = r.httpStatus
                rows[r.row]?.bookingUid = r.bookingUid
                rows[r.row]?.error = r.error
                rows[r.row]?.conflictReason = r.conflictReason
            } else {
                rows[r.row]?.error = r.error
                rows[r.row]?.conflictReason = nil
                if r.transient { rows[r.row]?.transientAttempts += 1 }
                if r.uncertain { rows[r.row]?.wasUncertain = true }
            }
        }
        return starting.map { row in
            defer { nextID += 1 }
            attempts.append(Attempt(id: nextID, row: row))
            return nextID
        }
    }

    func abandonAttempts(_ ids: [Int64]) throws(GuestListError) {
        abandoned += ids
        attempts.removeAll { ids.contains($0.id) && !$0.finished }
    }

    func deferSyncs() throws(GuestListError) -> WALSync? { nil }
    func restoreSyncs() throws(GuestListError) {}

    /// Attempts of `row`, oldest first.
    func attempts(of row: Int) -> [Attempt] { attempts.filter { $0.row == row } }
}
