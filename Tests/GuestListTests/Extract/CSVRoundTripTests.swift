import Foundation
import Testing

@testable import GuestList

/// The fix-and-rerun loop's promise (SPEC §3, §5): what `report --original` writes, read back by
/// the CSV reader, gives exactly the values it was made from — formula guards stripped, quotes,
/// delimiters and every kind of line break kept byte for byte — at any buffer size and in any
/// encoding the reader accepts.
@Suite("CSV round trip: report --original → CSVReader", .timeLimit(.minutes(1)))
struct CSVRoundTripTests {
    /// Values that break naive writers and readers, each on its own.
    static let awkward: [String] = [
        "", " ", "plain", "+09:00", "-05:00", "=1+2", "@SUM(A1)", "+81 90-1234-5678", "-", "+", "=", "@",
        "-5", "+81", "-0.5", "'", "''", "'=1", "''=1", "'+09:00", "'-5", "'hello", "it's", "\t", "\t=1", "'\t",
        "\r", "\r=1", "'\r", "\n", "\r\n", "a\r\nb", "a\nb", "a\rb", "line one\r\nline two\r\n", "\r\n\r\n",
        "\"", "\"\"", "say \"hi\"", "a,b", ",", ",,,", " padded ", "  ", "ｊｏｈｎ＠ｅｘａｍｐｌｅ．ｃｏｍ", "山田 太郎",
        "二行\r\nの備考", "😀", "👨‍👩‍👧", "e\u{301}", "\u{FEFF}bom", "tab\tinside", "=HYPERLINK(\"http://x\")",
        "\"\u{301}", "a\"\u{301}b", " \u{301}", "'\u{301}=", "@\u{301}",
    ]

    /// Pieces random values are made of.
    static let pieces: [String] = [
        "+", "-", "=", "@", "'", "\"", ",", ";", "\r", "\n", "\r\n", "\t", " ", "x", "09:00", "ａ", "山", "😀", "é",
        "\u{301}", "5", ".",
    ]

    static let chunkSizes = [16, 17, 31, 64, 4096, 1 << 20]

    /// The `--original` export of rows whose source values are `values` (two columns per row, so a
    /// value meets both a delimiter and a line end), as the report command writes it.
    static func export(_ values: [[String]]) throws -> String {
        let rows = values.enumerated().map { index, cells in
            ReportRow(
                row: index + 1, line: index + 2, status: .invalid, name: "", email: "", startedAt: "", timeZone: "",
                error: "fix me", original: [("id", String(index + 1))] + zip(["first", "second"], cells).map { ($0, $1) })
        }
        return try CSVReportWriter().renderOriginal(RunReport(run: ReportFixtures.run, rows: rows))
    }

    /// Reads `data` back as a source file would be read, at `chunkSize`.
    static func read(_ data: Data, chunkSize: Int, options: CSVOptions = .init()) throws -> (CSVReader, [SourceRecord]) {
        let url = ExtractFixtures.temporaryFile([UInt8](data))
        defer { try? FileManager.default.removeItem(at: url) }
        var reader = try CSVReader(url: url, options: options, chunkSize: chunkSize)
        let (records, error) = ExtractFixtures.readAll(&reader)
        if let error { throw error }
        return (reader, records)
    }

    static func expectRoundTrip(
        _ values: [[String]], encoded data: Data, chunkSize: Int, options: CSVOptions = .init(),
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws {
        let (reader, records) = try read(data, chunkSize: chunkSize, options: options)
        #expect(reader.columns == ["id", "first", "second", "status", "error"], sourceLocation: sourceLocation)
        #expect(records.count == values.count, "chunk \(chunkSize)", sourceLocation: sourceLocation)
        for (record, expected) in zip(records, values) {
            #expect(record.problem == nil, sourceLocation: sourceLocation)
            let got = Array(record.values[1...2])
            #expect(got == expected, "chunk \(chunkSize): \(got.map(\.debugDescription)) ≠ \(expected.map(\.debugDescription))",
                    sourceLocation: sourceLocation)
            #expect(record.values[3...] == ["invalid", "fix me"], sourceLocation: sourceLocation)
        }
    }

    @Test("each awkward value comes back as it was", arguments: chunkSizes)
    func awkwardValues(chunkSize: Int) throws {
        // Each value in both columns, and beside every other value, so that it ends a line too.
        var rows = Self.awkward.map { [$0, $0] }
        rows += Self.awkward.indices.map { [Self.awkward[$0], Self.awkward[(($0 + 7) % Self.awkward.count)]] }
        try Self.expectRoundTrip(rows, encoded: Data(try Self.export(rows).utf8), chunkSize: chunkSize)
    }

    @Test("random values made of awkward pieces come back as they were")
    func randomValues() throws {
        var rng = SeededRandom(seed: 20_261_202)
        for _ in 0..<60 {
            let rows = (0..<Int.random(in: 1...12, using: &rng)).map { _ in
                (0..<2).map { _ in
                    (0..<Int.random(in: 0...8, using: &rng)).map { _ in Self.pieces.randomElement(using: &rng)! }.joined()
                }
            }
            let data = Data(try Self.export(rows).utf8)
            try Self.expectRoundTrip(rows, encoded: data, chunkSize: Self.chunkSizes.randomElement(using: &rng)!)
        }
    }

    @Test("with a byte-order mark, as report --bom writes it for Excel", arguments: [16, 1 << 20])
    func withByteOrderMark(chunkSize: Int) throws {
        let rows = Self.awkward.map { [$0, "after"] }
        try Self.expectRoundTrip(rows, encoded: Data(("\u{FEFF}" + Self.export(rows)).utf8), chunkSize: chunkSize)
    }

    /// A spreadsheet saved the export back as UTF-16 ("Unicode text") or as Japanese Excel's CP932.
    @Test("saved again as UTF-16 LE, UTF-16 BE or Shift_JIS", arguments: [16, 17, 1 << 20])
    func otherEncodings(chunkSize: Int) throws {
        let rows = Self.awkward.map { [$0, "山田"] }
        let text = try Self.export(rows)
        var littleEndian = Data([0xFF, 0xFE])
        littleEndian.append(try #require(text.data(using: .utf16LittleEndian)))
        try Self.expectRoundTrip(rows, encoded: littleEndian, chunkSize: chunkSize)
        var bigEndian = Data([0xFE, 0xFF])
        bigEndian.append(try #require(text.data(using: .utf16BigEndian)))
        try Self.expectRoundTrip(rows, encoded: bigEndian, chunkSize: chunkSize)

        // Shift_JIS holds no emoji or combining accents; every other awkward value goes.
        let sjisRows = rows.filter { $0[0].data(using: .shiftJIS) != nil && !$0[0].contains("\u{FEFF}") }
        #expect(sjisRows.count > 40)
        let sjis = try #require(try Self.export(sjisRows).data(using: .shiftJIS))
        try Self.expectRoundTrip(sjisRows, encoded: sjis, chunkSize: chunkSize)
        try Self.expectRoundTrip(sjisRows, encoded: sjis, chunkSize: chunkSize, options: CSVOptions(encoding: .shiftJIS))
    }

    @Test("a CRLF inside quotes stays a CRLF, through the fast path too", arguments: chunkSizes)
    func crlfInsideQuotes(chunkSize: Int) throws {
        let text = "id,note\r\n1,\"one\r\ntwo\"\r\n2,\"\"\"q\"\"\r\n\r\nend\"\r\n3,\"cr\ronly\"\r\n"
        let url = ExtractFixtures.temporaryFile(Array(text.utf8))
        defer { try? FileManager.default.removeItem(at: url) }
        var reader = try CSVReader(url: url, options: .init(), chunkSize: chunkSize)
        var notes: [[UInt8]] = []
        while try reader.advance() { notes.append(reader.withValueBytes(at: 1) { Array($0) }) }
        #expect(notes == [Array("one\r\ntwo".utf8), Array("\"q\"\r\n\r\nend".utf8), Array("cr\ronly".utf8)])
        #expect(reader.line == 7)
    }

    /// Records `rows` (two source values each) through the reader into a real ledger file, and
    /// gives back the report read from it and the first export.
    static func throughLedger(_ rows: [[String]]) throws -> (report: RunReport, export: String) {
        let export = try Self.export(rows)
        let (reader, records) = try Self.read(Data(export.utf8), chunkSize: 64)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("roundtrip-\(UUID().uuidString).sqlite")
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: url.path + suffix) } }
        let ledger = try Ledger(url: url, exclusive: false)
        let ledgerRows = records.map { record in
            CheckedRow(
                row: record.row, line: record.line, booking: nil, name: "", email: "", startedAt: "", timeZone: "",
                original: Array(record.values[0...2]), problems: [RowProblem(field: "row", value: "", message: "fix me")])
        }
        let run = try ledger.createRun(
            pipeline: "p", pipelinePath: "/p.yml", source: "/s.csv", sourceHash: "h", encoding: reader.encodingName,
            columns: Array(reader.columns[0...2]), sourceFault: nil, rows: ledgerRows)
        return (try ledger.report(for: try #require(try ledger.run(id: run))), export)
    }

    /// The whole loop in process: the reader's records into a real ledger file, the report read
    /// back from it and written with `--original` — byte-identical to the export it was read from.
    @Test("reader → ledger → --original keeps every value and byte")
    func throughTheLedger() throws {
        let rows = Self.awkward.filter { !$0.contains("\u{FEFF}") }.map { [$0, "x\r\ny"] }
        let (report, first) = try Self.throughLedger(rows)
        for (row, expected) in zip(report.rows, rows) {
            let got = Array(row.original.map(\.value)[1...2])
            #expect(got == expected, "\(got.map(\.debugDescription)) ≠ \(expected.map(\.debugDescription))")
        }
        let second = try CSVReportWriter().renderOriginal(report)
        #expect(Array(second.utf8) == Array(first.utf8), "the export of a re-read export is the same bytes")
    }

    /// Foundation's `JSONSerialization` on Linux drops a U+FEFF at the start of a JSON string or
    /// after an escape (`"\"\u{FEFF}"`); the ledger's `original` column is read without it.
    @Test("a U+FEFF inside a value survives the ledger")
    func zeroWidthNoBreakSpaceThroughTheLedger() throws {
        let rows = [["\u{FEFF}bom", "a\"\u{FEFF}b"]]
        let (report, _) = try Self.throughLedger(rows)
        #expect(report.rows.first.map { Array($0.original.map(\.value)[1...2]) } == rows.first)
    }
}
