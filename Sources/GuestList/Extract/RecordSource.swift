/// One record read from a source file, before any interpretation.
public struct SourceRecord: Sendable, Equatable {
    /// 1-based record number (a CSV header, blank lines and lines of only delimiters are not counted).
    public var row: Int
    /// The physical 1-based line where this record starts.
    public var line: Int
    /// The record's values, aligned with `RecordSource.columns`. Missing values are empty strings.
    public var values: [String]
    /// Set when this record could not be read cleanly (ragged row, unterminated quote, undecodable
    /// bytes). The record is then `invalid` with this message; other records go on.
    public var problem: String?

    public init(row: Int, line: Int, values: [String], problem: String? = nil) {
        self.row = row
        self.line = line
        self.values = values
        self.problem = problem
    }
}

/// A stream of records from a CSV or XML file. Memory stays flat however large the file is.
public protocol RecordSource {
    /// The column names records are aligned with: a CSV's header, or the XML field names asked for.
    var columns: [String] { get }
    /// The text encoding in use (`utf-8`, `utf-16le`, `utf-16be`, `shift_jis`), for the report.
    var encodingName: String { get }
    /// The next record, or nil at the end of the source.
    /// - Throws: `GuestListError` with code `.sourceMalformed` when the file breaks mid-read; the
    ///   records returned before it stand.
    mutating func next() throws(GuestListError) -> SourceRecord?
}
