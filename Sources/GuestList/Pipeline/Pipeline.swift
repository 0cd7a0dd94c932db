import Foundation

/// Wires the first stages: extract → normalize → validate, streamed into a `RowSink` (the record stage).
/// Load runs afterwards from the ledger (`Loader`); see ARCHITECTURE.md for a row's whole path.
public struct Pipeline: Sendable {
    public var file: PipelineFile

    public init(file: PipelineFile) {
        self.file = file
    }

    /// Reads the whole source and hands every record, checked, to `sink` in batches of `batchSize`.
    /// Memory stays flat: a few batches in flight are all this holds.
    ///
    /// Two threads share the work, as the machine's two cores allow: a reader thread extracts, and the
    /// calling thread records (SQLite); normalizing and validating a batch is done by whichever of the two
    /// is free — the reader checks a batch itself while the recording thread still has batches waiting,
    /// and hands it over unchecked when that thread is idle. At most three batches wait between them.
    /// - Parameters:
    ///   - now: for the "starts in the past" rule.
    ///   - payloads: whether valid rows get the JSON body to send (`validate` needs none).
    ///   - shouldStop: asked after each batch is recorded; when it says yes, reading stops with an
    ///     `.interrupted` error.
    ///   - onProgress: called with the number of records recorded, after each batch.
    /// - Throws: `.source` when the file cannot be opened, its header lacks a mapped column, or it breaks
    ///   before its first record (then nothing reached `sink`); `.interrupted` when stopped; what `sink`
    ///   throws. A source that breaks after some records is not thrown: its fault is in the summary.
    public func read(
        now: Date, into sink: inout some RowSink, payloads: Bool = true, batchSize: Int = 1_000,
        shouldStop: () -> Bool = { false }, onProgress: (Int) -> Void = { _ in }
    ) throws(GuestListError) -> SourceSummary {
        let channel = BatchChannel<ReaderMessage>(capacity: 3)
        let finished = DispatchSemaphore(value: 0)
        let reader = Thread { [self] in
            produce(into: channel, now: now, payloads: payloads, batchSize: batchSize)
            channel.close()
            finished.signal()
        }
        reader.stackSize = 8 << 20
        reader.start()
        defer {
            channel.close()
            finished.wait()
        }
        var columns: [String] = []
        var encoding = ""
        var count = 0
        var fault: GuestListError?
        var checker: RowChecker?
        while let message = channel.take() {
            var batch: [CheckedRow]
            switch message {
            case .opened(let c, let e, let mapping):
                (columns, encoding) = (c, e)
                checker = RowChecker(file: file, mapping: mapping, now: now, payloads: payloads)
                continue
            case .rows(let rows):
                batch = rows
            case .records(let records):
                guard let checker else { continue }
                batch = records.map(checker.check)
            case .failed(let error):
                batch = []
                // Nothing read and nothing readable (a missing file, an XML file without the record
                // element, XML broken before its first record): an input error (exit 2), not a fault that
                // breaks a read off midway.
                if count == 0 {
                    var inputError = error
                    if inputError.code == .sourceMalformed { inputError.code = .source }
                    throw inputError
                }
                fault = error
                continue
            }
            try sink.record(batch)
            count += batch.count
            onProgress(count)
            if shouldStop() { throw Self.stopped(file.source.url.path, after: count) }
        }
        return SourceSummary(columns: columns, encoding: encoding, sourceFault: fault, rows: count)
    }

    /// What the reader thread sends the recording thread.
    private enum ReaderMessage: Sendable {
        case opened(columns: [String], encoding: String, mapping: [(field: String, index: Int)])
        /// Checked by the reader thread.
        case rows([CheckedRow])
        /// Left for the recording thread to check: it was idle.
        case records([SourceRecord])
        /// The source could not be opened or broke; rows sent before it stand.
        case failed(GuestListError)
    }

    /// The reader thread: extract → normalize → validate, a batch at a time, until the source ends, breaks,
    /// or the recording side closes the channel.
    private func produce(into channel: BatchChannel<ReaderMessage>, now: Date, payloads: Bool, batchSize: Int) {
        var batch: [SourceRecord] = []
        batch.reserveCapacity(batchSize)
        var checker: RowChecker?
        /// Checks the batch here while the recording thread is busy; leaves it to that thread when it is idle.
        func send() -> Bool {
            defer { batch.removeAll(keepingCapacity: true) }
            if channel.waiting > 0, let checker { return channel.put(.rows(batch.map(checker.check))) }
            return channel.put(.records(batch))
        }
        do throws(GuestListError) {
            var source = try openSource()
            let mapping = try columnIndices(columns: source.columns)
            checker = RowChecker(file: file, mapping: mapping, now: now, payloads: payloads)
            guard channel.put(.opened(columns: source.columns, encoding: source.encodingName, mapping: mapping)) else { return }
            while let record = try source.next() {
                batch.append(record)
                if batch.count == batchSize { guard send() else { return } }
            }
            if !batch.isEmpty { _ = send() }
        } catch {
            // The records read before the fault are recorded; then the fault.
            if !batch.isEmpty { guard send() else { return } }
            _ = channel.put(.failed(error))
        }
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
