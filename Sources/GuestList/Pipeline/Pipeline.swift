import Foundation

/// Wires the stages: extract → normalize → validate here; load and record in `Loader` and `Ledger`.
public struct Pipeline: Sendable {
    public var file: PipelineFile

    public init(file: PipelineFile) {
        self.file = file
    }

    /// Reads the whole source and classifies every row (`invalid`, `duplicate`, `skipped` or `pending`).
    /// - Parameters:
    ///   - booked: keys already created through this ledger (→ `skipped`), with their booking uids.
    ///   - now: for the "starts in the past" rule.
    ///   - onProgress: called now and then with the number of records read (for long validations).
    public func prepare(booked: [String: String], now: Date, onProgress: (Int) -> Void = { _ in }) throws(GuestListError) -> PreparedRun {
        var source = try openSource()
        let sourcePath = file.source.url.path
        let columns = source.columns
        let mapping = try columnIndices(columns: columns)
        var options = file.normalize
        options.now = now
        let normalizer = RowNormalizer(options: options)
        let validator = BookingValidator()
        let fieldMap = FieldMap(columns: Dictionary(mapping, uniquingKeysWith: { _, last in last }), defaults: file.defaults)

        var rows: [LedgerRow] = []
        var problems: [RowFinding] = []
        var warnings: [RowFinding] = []
        var firstRowForKey: [String: (row: Int, line: Int)] = [:]
        var fault: GuestListError?
        while true {
            let record: SourceRecord
            do throws(GuestListError) {
                guard let next = try source.next() else { break }
                record = next
            } catch {
                // Nothing read and nothing readable (an XML file without the record element, say): an input
                // error (exit 2), not a fault that breaks a read off midway.
                if error.code == .source, rows.isEmpty { throw error }
                fault = error
                break
            }
            if record.row % 10_000 == 0 { onProgress(record.row) }
            var ledgerRow = LedgerRow(
                row: record.row, line: record.line, status: .invalid, key: nil, payload: nil, name: "",
                email: "", startedAt: "", timeZone: "", original: record.values)
            if let problem = record.problem {
                let display = SourceFields(values: record.values, map: fieldMap).display
                (ledgerRow.name, ledgerRow.email, ledgerRow.startedAt, ledgerRow.timeZone) =
                    (display.name, display.email, display.startedAt, display.timeZone)
                ledgerRow.error = problem
                problems.append(RowFinding(row: record.row, line: record.line, field: "row", value: "", message: problem))
                rows.append(ledgerRow)
                continue
            }
            let normalized = validator.validate(normalizer.normalize(record.values, map: fieldMap))
            ledgerRow.warnings = normalized.warnings.map { "\($0.field): \($0.message)" }
            warnings += normalized.warnings.map { RowFinding(row: record.row, line: record.line, field: $0.field, value: $0.value, message: $0.message) }
            // Per field: the normalized value where normalization succeeded, else the source's text (SPEC §5).
            let shown = normalized.display
            ledgerRow.name = shown.name
            ledgerRow.email = shown.email
            ledgerRow.startedAt = shown.startedAt
            ledgerRow.timeZone = shown.timeZone
            guard let request = normalized.request, let bookingKey = normalized.key else {
                ledgerRow.error = normalized.problems.map(\.message).joined(separator: " ")
                problems += normalized.problems.map { RowFinding(row: record.row, line: record.line, field: $0.field, value: $0.value, message: $0.message) }
                rows.append(ledgerRow)
                continue
            }
            let key = bookingKey.description
            ledgerRow.key = key
            if let first = firstRowForKey[key] {
                ledgerRow.status = .duplicate
                let message = "Same guest, event type and start as row \(first.row) (line \(first.line)); only that row is sent."
                ledgerRow.error = message
                problems.append(RowFinding(row: record.row, line: record.line, field: "email", value: shown.email, message: message))
            } else if let uid = booked[key] {
                firstRowForKey[key] = (record.row, record.line)
                ledgerRow.status = .skipped
                ledgerRow.bookingUid = uid
            } else {
                firstRowForKey[key] = (record.row, record.line)
                ledgerRow.status = .pending
                ledgerRow.payload = request.json()
            }
            rows.append(ledgerRow)
        }
        return PreparedRun(
            rows: rows, problems: problems, warnings: warnings, columns: columns, encoding: source.encodingName,
            sourceFault: fault, sourceHash: try SourceHash.of(file.source.url, path: sourcePath))
    }

    func openSource() throws(GuestListError) -> any RecordSource {
        let url = file.source.url
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw GuestListError(
                .source, "The source file \(url.path) named in \(file.url.path) does not exist.",
                location: SourceLocation(file: file.url.path, field: "source.path"),
                hint: "source.path is relative to the pipeline file.")
        }
        switch file.source.format {
        case .csv:
            return try CSVReader(url: url, options: file.source.csv)
        case .xml:
            var wanted: [String] = []
            for (_, column) in file.columns where !wanted.contains(column) { wanted.append(column) }
            return try XMLRecordReader(url: url, recordElement: file.source.recordElement ?? "", fields: wanted)
        }
    }

    /// Booking field → index in the source's columns. A CSV column that the header lacks stops the run.
    func columnIndices(columns: [String]) throws(GuestListError) -> [(String, Int)] {
        var indices: [(String, Int)] = []
        var byName: [String: Int] = [:]
        for (i, c) in columns.enumerated() where byName[c] == nil { byName[c] = i }
        for (field, column) in file.columns {
            guard let index = byName[column] else {
                let near = ColumnSuggestion.nearest(to: column, among: columns)
                throw GuestListError(
                    .source,
                    "\(file.url.path): column `\(column)` (mapped to `\(field)`) is not in the header of \(file.source.url.path) (line 1); the header has: \(columns.map { "`\($0)`" }.joined(separator: ", ")).",
                    location: SourceLocation(file: file.source.url.path, line: 1, field: field),
                    hint: near.map { "did you mean `\($0)`?" } ?? "Map the field to one of the header's columns, or remove it from `columns`.")
            }
            indices.append((field, index))
        }
        return indices
    }
}
