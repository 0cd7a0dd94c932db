import Foundation

/// A problem or warning found in one row, for `validate`'s table and the ledger.
public struct RowFinding: Sendable, Equatable {
    public var row: Int
    public var line: Int
    public var field: String
    public var value: String
    public var message: String
}

/// The result of extract → normalize → validate over a whole source: every row classified, nothing sent.
public struct PreparedRun: Sendable {
    public var rows: [LedgerRow]
    /// Why each `invalid` or `duplicate` row will not be sent.
    public var problems: [RowFinding]
    public var warnings: [RowFinding]
    /// The source's own column names (CSV header or XML fields), for `report --original`.
    public var columns: [String]
    public var encoding: String
    /// Set when the source broke mid-read; the records before it are in `rows`.
    public var sourceFault: GuestListError?
    public var sourceHash: String

    public var counts: StatusCounts {
        var counts = StatusCounts()
        for row in rows { counts[row.status] += 1 }
        return counts
    }
}
