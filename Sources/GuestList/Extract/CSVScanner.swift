/// The CSV state machine: splits a stream of UTF-8 bytes into records of field byte ranges.
///
/// It never makes a `String`: a record is a list of `Field` ranges into `bytes`, valid until the next
/// call to `advance()`. Records are scanned from a buffer that is refilled in place; a record that
/// straddles the end of the buffer is rescanned from its start after the refill. A record larger
/// than `maxRecordBytes` (in practice an unterminated quote) is cut off there, so memory stays
/// bounded whatever the input.
final class CSVScanner {
    /// One field of the current record: `bytes[start..<end]`, with `""` pairs still doubled when `escaped`.
    struct Field {
        var start: Int
        var end: Int
        var escaped: Bool
    }

    /// Why the current record could not be read cleanly.
    enum Problem: Equatable {
        case unterminatedQuote(openedOnLine: Int)
        case textAfterClosingQuote(line: Int, field: Int)
        /// `fileOffset` is nil only past `UTF8ByteStream.maxTrackedErrors` bad places in one buffer.
        case undecodable(fileOffset: Int?)
        case tooLong(limit: Int)
    }

    enum Outcome { case record(next: Int, breaks: Int), needMore }

    let stream: UTF8ByteStream
    var delimiter: UInt8
    let maxRecordBytes: Int
    private var buffer: UnsafeMutableRawBufferPointer
    private(set) var start = 0
    private(set) var end = 0
    /// Output offset of `buffer[0]`.
    private var base = 0
    private(set) var eof = false
    /// The physical line at `start`.
    private(set) var line = 1

    /// The current record's fields, line and problem.
    var fields: [Field] = []
    private(set) var recordLine = 0
    var problem: Problem?
    /// True when every field of the current record is empty and unquoted: a blank line or `,,,,`.
    var isBlank = false
    var highBits: UInt8 = 0
    /// At most this many fields of a record are kept (so a line of a million commas stays small);
    /// the rest are only counted, in `droppedFields`, and make the record ragged.
    let maxFields = 16_384
    var droppedFields = 0
    /// How many fields the current record has, kept or not.
    var fieldCount: Int { fields.count + droppedFields }
    /// Set after a record was cut off at `maxRecordBytes` in the middle of a line.
    private var skipToLineBreak = false

    init(stream: UTF8ByteStream, delimiter: UInt8, chunkSize: Int = 1 << 20, maxRecordBytes: Int = 8 << 20) {
        self.stream = stream
        self.delimiter = delimiter
        self.maxRecordBytes = max(maxRecordBytes, chunkSize)
        buffer = .allocate(byteCount: chunkSize, alignment: 16)
        fields.reserveCapacity(32)
    }

    deinit { buffer.deallocate() }

    /// The bytes the fields point into.
    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(buffer) }

    /// Loads the first chunk without consuming it, for sniffing the delimiter.
    func peek(upTo count: Int) throws(GuestListError) -> UnsafeRawBufferPointer {
        while end - start < count && !eof && (buffer.count - end >= 8 || buffer.count < maxRecordBytes) {
            try refill()
        }
        return UnsafeRawBufferPointer(rebasing: bytes[start..<min(end, start + count)])
    }

    /// Moves to the next record, blank ones included; false at the end of the input.
    func advance() throws(GuestListError) -> Bool {
        var forced = false
        if skipToLineBreak {
            skipToLineBreak = false
            try skipRestOfLine()
        }
        while true {
            if start == end {
                if eof { return false }
                try refill()
                continue
            }
            switch scan(forceEnd: forced) {
            case .needMore:
                if eof || forced { preconditionFailure("scan asked for more input at the end") }
                if start == 0 && buffer.count - end < 8 && buffer.count >= maxRecordBytes {
                    forced = true
                } else {
                    try refill()
                }
            case let .record(next, breaks):
                recordLine = line
                line += breaks
                if forced {
                    if problem == nil { problem = .tooLong(limit: maxRecordBytes) }
                    // Cut off mid-line: the rest of that line belongs to this record, not the next.
                    let p = bytes.baseAddress!.assumingMemoryBound(to: UInt8.self)
                    skipToLineBreak = next == end && end > start && p[end - 1] != 10 && p[end - 1] != 13
                }
                if !isBlank { checkEncoding(from: start, to: next) }
                start = next
                return true
            }
        }
    }

    /// Drops bytes up to and including the next line break, refilling as needed.
    private func skipRestOfLine() throws(GuestListError) {
        while true {
            if start == end {
                if eof { return }
                try refill()
                continue
            }
            let p = bytes.baseAddress!.assumingMemoryBound(to: UInt8.self)
            var i = start
            while i < end, p[i] != 10, p[i] != 13 { i += 1 }
            if i == end {
                start = end
                continue
            }
            if p[i] == 13 && i + 1 == end && !eof {
                // Is this CR followed by an LF? Read on to know.
                start = i
                try refill()
                continue
            }
            start = i + (p[i] == 13 && i + 1 < end && p[i + 1] == 10 ? 2 : 1)
            line += 1
            return
        }
    }

    /// Moves unread bytes to the front, grows the buffer if a record fills it, and reads more.
    private func refill() throws(GuestListError) {
        if start > 0 {
            let left = end - start
            if left > 0 { buffer.baseAddress!.copyMemory(from: buffer.baseAddress! + start, byteCount: left) }
            base += start
            start = 0
            end = left
        }
        // Keep room for at least one whole UTF-8 character, which a converting stream needs.
        if buffer.count - end < 8 {
            let bigger = UnsafeMutableRawBufferPointer.allocate(byteCount: max(end + 8, min(buffer.count * 2, maxRecordBytes)), alignment: 16)
            bigger.baseAddress!.copyMemory(from: buffer.baseAddress!, byteCount: end)
            buffer.deallocate()
            buffer = bigger
        }
        let n = try stream.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[end...]))
        if n == 0 { eof = true }
        end += n
    }

    /// Flags the record if it holds bytes that are not UTF-8, or that did not decode from its encoding.
    private func checkEncoding(from: Int, to: Int) {
        if stream.encoding.kind == .utf8 {
            guard highBits & 0x80 != 0 else { return }
            let record = UnsafeBufferPointer(start: buffer.baseAddress!.assumingMemoryBound(to: UInt8.self) + from, count: to - from)
            if let bad = UTF8Validation.firstInvalid(record), problem == nil {
                problem = .undecodable(fileOffset: stream.fileOffset(ofOutput: base + from + bad))
            }
            return
        }
        if let first = stream.firstDecodeError(in: (base + from)..<(base + to)), problem == nil {
            problem = .undecodable(fileOffset: first.fileOffset)
        } else if stream.untrackedErrors, problem == nil, highBits & 0x80 != 0 {
            let p = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
            var i = from
            while i + 2 < to {
                if p[i] == 0xEF && p[i + 1] == 0xBF && p[i + 2] == 0xBD {
                    problem = .undecodable(fileOffset: nil)
                    break
                }
                i += 1
            }
        }
    }
}
