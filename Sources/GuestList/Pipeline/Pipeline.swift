import Foundation

/// Wires the first stages: extract → normalize → validate, streamed into a `RowSink` (the record stage).
/// Load runs afterwards from the ledger (`Loader`); see ARCHITECTURE.md for a row's whole path.
public struct Pipeline: Sendable {
    public var file: PipelineFile

    public init(file: PipelineFile) {
        self.file = file
    }

    /// Reads the whole source and hands every record, checked, to `sink` in batches of `batchSize`.
    /// Memory stays flat: a batch is all this holds.
    /// - Parameters:
    ///   - now: for the "starts in the past" rule.
    ///   - shouldStop: asked between batches; when it says yes, reading stops with an `.interrupted` error.
    ///   - onProgress: called with the number of records read, about every 10,000.
    /// - Throws: `.source` when the file cannot be opened, its header lacks a mapped column, or it breaks
    ///   before its first record (then nothing reached `sink`); `.interrupted` when stopped. A source that
    ///   breaks after some records is not thrown: its fault is in the summary.
    public func read(
        now: Date, into sink: inout some RowSink, batchSize: Int = 2_000, shouldStop: () -> Bool = { false },
        onProgress: (Int) -> Void = { _ in }
    ) throws(GuestListError) -> SourceSummary {
        var source = try openSource()
        let checker = RowChecker(file: file, mapping: try columnIndices(columns: source.columns), now: now)
        var batch: [CheckedRow] = []
        batch.reserveCapacity(batchSize)
        var count = 0
        var fault: GuestListError?
        while true {
            let record: SourceRecord
            do throws(GuestListError) {
                guard let next = try source.next() else { break }
                record = next
            } catch {
                // Nothing read and nothing readable (an XML file without the record element, say): an input
                // error (exit 2), not a fault that breaks a read off midway.
                if count == 0 { throw error }
                fault = error
                break
            }
            count += 1
            batch.append(checker.check(record))
            if batch.count == batchSize {
                try sink.record(batch)
                batch.removeAll(keepingCapacity: true)
                if shouldStop() { throw Self.stopped(file.source.url.path, after: count) }
            }
            if count % 10_000 == 0 { onProgress(count) }
        }
        if !batch.isEmpty { try sink.record(batch) }
        return SourceSummary(columns: source.columns, encoding: source.encodingName, sourceFault: fault, rows: count)
    }

    static func stopped(_ path: String, after rows: Int) -> GuestListError {
        GuestListError(
            .interrupted, "Stopped while reading \(path) (after \(rows) rows); no run was recorded and nothing was sent.",
            location: SourceLocation(file: path, row: rows))
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
    func columnIndices(columns: [String]) throws(GuestListError) -> [(field: String, index: Int)] {
        var indices: [(field: String, index: Int)] = []
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
