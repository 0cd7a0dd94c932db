import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a CSV file the way spreadsheets write it, one record at a time, in flat memory.
///
/// RFC 4180 plus what Excel, Google Sheets and Numbers really produce: quoted fields holding
/// delimiters, doubled quotes and line breaks; CR, LF or CRLF line ends; a byte-order mark; no final
/// line end; UTF-16 or Shift_JIS text; cells guarded against formula injection (`'=1+2` reads
/// `=1+2`, SPEC §3), so that guestlist's own `report --original` reads back as the values it was
/// made from. Values keep every other byte as read: a line break inside quotes is not normalized. Blank lines and lines of only delimiters (Excel's `,,,,`) are
/// not rows. A ragged record, an unterminated quote or undecodable bytes make just that record
/// carry a `problem`; reading goes on.
///
/// `next()` makes a `String` for every field. The fast path, `advance()` with `value(at:)` or
/// `withValueBytes(at:_:)`, makes only the ones asked for.
public struct CSVReader: RecordSource {
    /// The header's names, trimmed, in file order.
    public let columns: [String]
    /// `utf-8`, `utf-16le`, `utf-16be` or `shift_jis`.
    public let encodingName: String
    /// The delimiter in use (after sniffing, when `.auto` was asked for).
    public let delimiter: CSVOptions.Delimiter
    /// The file's path, as errors and problems name it.
    public let path: String
    /// The line the header is on.
    public let headerLine: Int

    let file: FileHandleBox
    let scanner: CSVScanner
    /// The 1-based number of the current record, 0 before the first.
    public private(set) var row = 0
    /// The physical line where the current record starts.
    public var line: Int { scanner.recordLine }

    /// Opens `url`, decides its encoding and delimiter, and reads its header.
    /// - Throws: `GuestListError(.source)` when the file is missing or unreadable, has no header,
    ///   or names a column twice.
    public init(url: URL, options: CSVOptions = .init()) throws(GuestListError) {
        try self.init(url: url, options: options, chunkSize: 1 << 20)
    }

    init(url: URL, options: CSVOptions, chunkSize: Int, maxRecordBytes: Int = 8 << 20) throws(GuestListError) {
        path = url.path
        file = try FileHandleBox(path: url.path)
        let encoding = TextEncodingSniffer.detect(fd: file.fd, requested: options.encoding)
        encodingName = encoding.kind.rawValue
        let stream = try UTF8ByteStream(fd: file.fd, path: path, encoding: encoding, chunkSize: chunkSize)
        scanner = CSVScanner(
            stream: stream, delimiter: options.delimiter.byte ?? UInt8(ascii: ","),
            chunkSize: chunkSize, maxRecordBytes: maxRecordBytes)
        if options.delimiter == .auto {
            let head = try scanner.peek(upTo: 64 * 1024)
            let sniffed = CSVDelimiterSniffer.sniff(head)
            scanner.delimiter = sniffed.byte!
            delimiter = sniffed
        } else {
            delimiter = options.delimiter
        }
        (columns, headerLine) = try Self.readHeader(scanner, path: path)
    }

    /// Moves to the next record without making any `String`; false at the end of the file.
    public mutating func advance() throws(GuestListError) -> Bool {
        repeat {
            guard try scanner.advance() else { return false }
        } while scanner.isBlank
        row += 1
        return true
    }

    /// How many fields the current record has (a ragged record may differ from `columns.count`).
    public var fieldCount: Int { scanner.fieldCount }

    /// The current record's problem as a sentence naming its line, or nil when it read cleanly.
    public var problem: String? {
        if let problem = scanner.problem { return Self.describe(problem, line: line) }
        if scanner.fieldCount != columns.count {
            return "line \(line): expected \(columns.count) fields as in the header, found \(scanner.fieldCount)"
        }
        return nil
    }

    /// The current record's field `index` as a string; empty when the record has no such field.
    public func value(at index: Int) -> String {
        withValueBytes(at: index) { String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` with the UTF-8 bytes of field `index`, valid only inside `body`: quotes undoubled,
    /// a spreadsheet guard taken off (`'=x` reads `=x`; see `SpreadsheetGuard`), every other byte as
    /// in the file — a CRLF inside quotes stays a CRLF.
    public func withValueBytes<R>(at index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        guard index < scanner.fields.count else { return try body(UnsafeBufferPointer(start: nil, count: 0)) }
        let field = scanner.fields[index]
        let base = scanner.bytes.baseAddress!.assumingMemoryBound(to: UInt8.self)
        var raw = UnsafeBufferPointer(start: base + field.start, count: field.end - field.start)
        // The guard's bytes (`'` and the triggers) are never `"`, so it can be judged before unquoting.
        let guardLength = SpreadsheetGuard.guardLength(raw)
        if guardLength > 0 { raw = UnsafeBufferPointer(rebasing: raw[guardLength...]) }
        guard field.escaped else { return try body(raw) }
        var unescaped: [UInt8] = []
        unescaped.reserveCapacity(raw.count)
        var i = 0
        while i < raw.count {
            unescaped.append(raw[i])
            i += raw[i] == UInt8(ascii: "\"") && i + 1 < raw.count && raw[i + 1] == UInt8(ascii: "\"") ? 2 : 1
        }
        return try unescaped.withUnsafeBufferPointer(body)
    }

    /// The next record with every column as a string, or nil at the end of the file.
    public mutating func next() throws(GuestListError) -> SourceRecord? {
        guard try advance() else { return nil }
        let values = (0..<columns.count).map { value(at: $0) }
        return SourceRecord(row: row, line: line, values: values, problem: problem)
    }
}
