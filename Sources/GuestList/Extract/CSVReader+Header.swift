import Foundation

extension CSVReader {
    /// Reads the first non-blank record as the header: names trimmed of spaces and stray BOMs,
    /// and no name twice (empty names, which Excel writes for unused columns, may repeat).
    static func readHeader(_ scanner: CSVScanner, path: String) throws(GuestListError) -> ([String], Int) {
        repeat {
            guard try scanner.advance() else {
                throw GuestListError(
                    .source, "the source file \(path) is empty: it has no header line",
                    location: SourceLocation(file: path, line: 1),
                    hint: "export the sheet with its header row")
            }
        } while scanner.isBlank
        let line = scanner.recordLine
        if let problem = scanner.problem {
            throw GuestListError(
                .source, "the header of \(path) cannot be read: \(describe(problem, line: line))",
                location: SourceLocation(file: path, line: line))
        }
        let bytes = scanner.bytes.baseAddress!.assumingMemoryBound(to: UInt8.self)
        let names = scanner.fields.map { field -> String in
            var text = String(decoding: UnsafeBufferPointer(start: bytes + field.start, count: field.end - field.start), as: UTF8.self)
            if field.escaped { text = text.replacingOccurrences(of: "\"\"", with: "\"") }
            return trimmedHeader(text)
        }
        var seen: [String: Int] = [:]
        for (index, name) in names.enumerated() where !name.isEmpty {
            if let first = seen[name] {
                throw GuestListError(
                    .source,
                    "the header of \(path) names the column `\(name)` twice: columns \(first + 1) and \(index + 1)",
                    location: SourceLocation(file: path, line: line),
                    hint: "rename one of them so that every column has its own name")
            }
            seen[name] = index
        }
        return (names, line)
    }

    static func trimmedHeader(_ text: String) -> String {
        String(text.unicodeScalars.filter { $0 != "\u{FEFF}" }.map(Character.init))
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The position of the column `name` in the header.
    /// - Throws: `GuestListError(.source)` naming the column, the file, the headers that exist, and
    ///   the nearest one ("did you mean `E-mail`?").
    public func columnIndex(of name: String) throws(GuestListError) -> Int {
        if let index = columns.firstIndex(of: name) { return index }
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        if let index = columns.firstIndex(of: trimmed) { return index }
        let existing = columns.filter { !$0.isEmpty }.map { "`\($0)`" }.joined(separator: ", ")
        let suggestion = ColumnSuggestion.nearest(to: name, among: columns).map { "did you mean `\($0)`?" }
        var message = "the column `\(name)` is not in the header of \(path); it has \(existing)"
        if let suggestion { message += " — \(suggestion)" }
        throw GuestListError(
            .source, message, location: SourceLocation(file: path, line: headerLine, field: name),
            hint: "`columns:` in the pipeline maps each booking field to a header name, spelled as in the file")
    }

    static func describe(_ problem: CSVScanner.Problem, line: Int) -> String {
        switch problem {
        case let .unterminatedQuote(opened):
            "line \(opened): a quoted field opened here is never closed"
        case let .textAfterClosingQuote(at, field):
            "line \(at): field \(field) has text after its closing quote"
        case let .undecodable(offset?):
            "line \(line): bytes that are not valid text at byte offset \(offset)"
        case .undecodable(nil):
            "line \(line): bytes that are not valid text"
        case let .tooLong(limit):
            "line \(line): the record is longer than \(limit >= 1 << 20 ? "\(limit >> 20) MiB" : "\(limit) bytes")"
        }
    }
}
