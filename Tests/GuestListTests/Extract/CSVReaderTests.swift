import Foundation
import Testing

@testable import GuestList

@Suite("CSVReader: what spreadsheets write")
struct CSVReaderTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var file: String
        var options: CSVOptions = .init()
        var encoding: String
        var columns: [String]
        /// (row, line, values) of each expected record.
        var records: [(Int, Int, [String])]
        var testDescription: String { file }
    }

    static let header = ["Full Name", "E-mail", "Start", "Time zone", "Company", "Notes"]

    static let cases: [Case] = [
        Case(
            file: "excel-windows.csv", encoding: "utf-8", columns: header,
            records: [
                (1, 2, ["Taro Yamada", "taro@example.com", "2030-03-16 11:00", "Asia/Tokyo", "Acme, Inc.", ""]),
                (2, 4, ["Hanako Sato", "hanako@example.com", "2030-03-16 11:30", "JST", "Globex", "Line one\nLine two"]),
                (3, 6, ["John \"JJ\" Smith", "john@example.com", "2030-03-16 12:00", "PST", "", "Said \"hi\""]),
            ]),
        Case(
            file: "excel-mac-cr.csv", encoding: "utf-8", columns: header,
            records: [
                (1, 2, ["Ann Lee", "ann@example.com", "2030-03-16 11:00", "Asia/Tokyo", "Initech", "multi\rline"]),
                (2, 4, ["Bob Ray", "bob@example.com", "2030-03-16 11:30", "Asia/Tokyo", "", ""]),
            ]),
        Case(
            file: "google-sheets.csv", encoding: "utf-8", columns: header,
            records: [
                (1, 2, ["Ann Lee", "ann@example.com", "2030-03-16 11:00", "Asia/Tokyo", "Initech", ""]),
                (2, 3, ["Bob Ray", "bob@example.com", "2030-03-16 11:30", "Asia/Tokyo", "", "a \"quoted\" word"]),
            ]),
        Case(
            file: "numbers-semicolon.csv", options: CSVOptions(delimiter: .semicolon), encoding: "utf-8", columns: header,
            records: [
                (1, 2, ["Zoë Müller", "zoe@example.de", "2030-03-16 11:00", "Europe/Berlin", "Müller; Söhne", "12,5"]),
                (2, 3, ["Jörg Weiß", "jorg@example.de", "2030-03-16 11:30", "CET", "", ""]),
            ]),
        Case(
            file: "numbers-semicolon.csv", options: CSVOptions(delimiter: .auto), encoding: "utf-8", columns: header,
            records: [
                (1, 2, ["Zoë Müller", "zoe@example.de", "2030-03-16 11:00", "Europe/Berlin", "Müller; Söhne", "12,5"]),
                (2, 3, ["Jörg Weiß", "jorg@example.de", "2030-03-16 11:30", "CET", "", ""]),
            ]),
        Case(
            file: "excel-unicode-text.txt", options: CSVOptions(delimiter: .auto), encoding: "utf-16le", columns: header,
            records: [
                (1, 2, ["Taro Yamada", "taro@example.com", "2030-03-16 11:00", "Asia/Tokyo", "山田商事", ""]),
                (2, 3, ["花子", "hanako@example.com", "2030-03-16 11:30", "JST", "", "二行\r\nの備考"]),
            ]),
        Case(
            file: "excel-unicode-text.txt", options: CSVOptions(delimiter: .tab, encoding: .utf16), encoding: "utf-16le",
            columns: header,
            records: [
                (1, 2, ["Taro Yamada", "taro@example.com", "2030-03-16 11:00", "Asia/Tokyo", "山田商事", ""]),
                (2, 3, ["花子", "hanako@example.com", "2030-03-16 11:30", "JST", "", "二行\r\nの備考"]),
            ]),
        Case(
            file: "utf16be.csv", encoding: "utf-16be", columns: header,
            records: [(1, 2, ["Taro Yamada", "taro@example.com", "2030-03-16 11:00", "Asia/Tokyo", "山田商事", ""])]),
        Case(
            file: "excel-japanese-sjis.csv", encoding: "shift_jis",
            columns: ["氏名", "メールアドレス", "開始", "タイムゾーン", "会社", "備考"],
            records: [
                (1, 2, ["山田 太郎", "taro@example.com", "2030/03/16 11:00", "Asia/Tokyo", "株式会社①", "ﾃｽﾄ"]),
                (2, 3, ["佐藤 花子", "hanako@example.com", "2030/03/16 11:30", "JST", "表計算, 会社", "～よろしく～"]),
            ]),
        Case(
            file: "excel-japanese-sjis.csv", options: CSVOptions(encoding: .shiftJIS), encoding: "shift_jis",
            columns: ["氏名", "メールアドレス", "開始", "タイムゾーン", "会社", "備考"],
            records: [
                (1, 2, ["山田 太郎", "taro@example.com", "2030/03/16 11:00", "Asia/Tokyo", "株式会社①", "ﾃｽﾄ"]),
                (2, 3, ["佐藤 花子", "hanako@example.com", "2030/03/16 11:30", "JST", "表計算, 会社", "～よろしく～"]),
            ]),
        Case(
            file: "blank-lines.csv", encoding: "utf-8", columns: ["a", "b", "c"],
            records: [(1, 4, ["1", "2", "3"]), (2, 7, ["   ", "x", ""]), (3, 8, ["4", "5", "6"])]),
        Case(file: "header-only.csv", encoding: "utf-8", columns: ["a", "b", "c"], records: []),
        Case(
            file: "trimmed-header.csv", encoding: "utf-8", columns: ["Name", "E-mail", "", ""],
            records: [(1, 2, ["A", "a@example.com", "", ""])]),
    ]

    @Test("reads each fixture, whatever the chunk size", arguments: cases, [16, 17, 64, 1 << 20])
    func readsFixture(_ c: Case, chunkSize: Int) throws {
        let (reader, records) = try ExtractFixtures.csv(c.file, c.options, chunkSize: chunkSize)
        #expect(reader.encodingName == c.encoding)
        #expect(reader.columns == c.columns)
        #expect(records.map(\.row) == c.records.map(\.0))
        #expect(records.map(\.line) == c.records.map(\.1))
        #expect(records.map(\.values) == c.records.map(\.2))
        #expect(records.allSatisfy { $0.problem == nil })
    }

    struct BadCase: Sendable, CustomTestStringConvertible {
        var file: String
        var rows: [Int]
        var lines: [Int]
        /// Expected problem fragment per record, "" for a clean record.
        var problems: [String]
        var testDescription: String { file }
    }

    static let badCases: [BadCase] = [
        BadCase(
            file: "ragged.csv", rows: [1, 2, 3, 4], lines: [2, 3, 4, 5],
            problems: ["", "line 3: expected 3 fields as in the header, found 2", "line 4: expected 3 fields as in the header, found 4", ""]),
        BadCase(
            file: "unterminated.csv", rows: [1, 2, 3], lines: [2, 3, 4],
            problems: ["", "line 3: a quoted field opened here is never closed", ""]),
        BadCase(
            file: "utf8-bad-bytes.csv", rows: [1, 2, 3], lines: [2, 3, 4],
            problems: ["", "line 3: bytes that are not valid text at byte offset 94", ""]),
        BadCase(
            file: "sjis-bad-bytes.csv", rows: [1, 2, 3], lines: [2, 3, 4],
            problems: ["", "line 3: bytes that are not valid text at byte offset 161", ""]),
    ]

    @Test("a bad record is invalid with its line; the others go on", arguments: badCases, [16, 1 << 20])
    func badRecords(_ c: BadCase, chunkSize: Int) throws {
        let (_, records) = try ExtractFixtures.csv(c.file, chunkSize: chunkSize)
        #expect(records.map(\.row) == c.rows)
        #expect(records.map(\.line) == c.lines)
        #expect(records.map { $0.problem ?? "" } == c.problems)
    }

    @Test("undecodable bytes are reported at their file offset")
    func byteOffsetIsExact() throws {
        let data = try Data(contentsOf: ExtractFixtures.url("utf8-bad-bytes.csv"))
        #expect(data[94] == 0xFF)
        let sjis = try Data(contentsOf: ExtractFixtures.url("sjis-bad-bytes.csv"))
        #expect(sjis[161] == 0x81 && sjis[162] == 0x20)
    }

    @Test("opening errors name the file and line", arguments: [
        ("duplicate-header.csv", "names the column `Email` twice: columns 2 and 4"),
        ("empty.csv", "is empty: it has no header line"),
        ("only-blank.csv", "is empty: it has no header line"),
        ("no-such-file.csv", "cannot open the source file"),
    ])
    func openingErrors(file: String, fragment: String) {
        #expect {
            _ = try CSVReader(url: ExtractFixtures.url(file))
        } throws: { error in
            let error = error as! GuestListError
            return error.code == .source && error.message.contains(fragment) && error.location?.file?.hasSuffix(file) == true
        }
    }

    @Test("a mapped column the header lacks names it, lists the headers and suggests the nearest")
    func missingColumn() throws {
        let reader = try CSVReader(url: ExtractFixtures.url("excel-windows.csv"))
        #expect(try reader.columnIndex(of: "E-mail") == 1)
        do {
            _ = try reader.columnIndex(of: "Email")
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .source)
            #expect(error.message.contains("`Email`"))
            #expect(error.message.contains("`Full Name`, `E-mail`, `Start`"))
            #expect(error.message.hasSuffix("did you mean `E-mail`?"))
            #expect(error.location?.line == 1)
        }
    }

    @Test("an unterminated quote at the size limit costs one record, not the file")
    func unterminatedQuoteIsBounded() throws {
        var text = "a,b\n1,\"open\n"
        for i in 0..<2000 { text += "\(i),x\n" }
        let url = ExtractFixtures.temporaryFile(Array(text.utf8))
        defer { try? FileManager.default.removeItem(at: url) }
        var reader = try CSVReader(url: url, options: .init(), chunkSize: 256, maxRecordBytes: 1024)
        let (records, error) = ExtractFixtures.readAll(&reader)
        #expect(error == nil)
        #expect(records.first?.problem == "line 2: a quoted field opened here is never closed")
        #expect(records.count == 2001)
        #expect(records.last?.line == 2002)
        #expect(records.last?.values == ["1999", "x"])
    }

    @Test("a line of twenty thousand delimiters is one ragged record, kept small")
    func hugeFieldCount() throws {
        let text = "a,b\n" + String(repeating: ",", count: 20_000) + "x\n1,2\n"
        let url = ExtractFixtures.temporaryFile(Array(text.utf8))
        defer { try? FileManager.default.removeItem(at: url) }
        var reader = try CSVReader(url: url)
        let (records, _) = ExtractFixtures.readAll(&reader)
        #expect(records.map(\.line) == [2, 3])
        #expect(records.first?.problem == "line 2: expected 2 fields as in the header, found 20001")
        #expect(records.last?.values == ["1", "2"])
    }

    @Test("seventy thousand undecodable bytes are still reported record by record, in bounded memory")
    func manyUndecodableBytes() throws {
        let bytes = Array("a,b\nx,".utf8) + [UInt8](repeating: 0xFF, count: 70_000) + Array("\ny,".utf8) + [0xFF]
            + Array("\n1,2\n".utf8)
        let url = ExtractFixtures.temporaryFile(bytes)
        defer { try? FileManager.default.removeItem(at: url) }
        var reader = try CSVReader(url: url, options: CSVOptions(encoding: .shiftJIS))
        let (records, _) = ExtractFixtures.readAll(&reader)
        #expect(records.map(\.problem) == [
            "line 2: bytes that are not valid text at byte offset 6", "line 3: bytes that are not valid text", nil,
        ])
    }

    @Test("the fast path makes only the strings asked for")
    func fastPath() throws {
        var reader = try CSVReader(url: ExtractFixtures.url("excel-windows.csv"))
        var emails: [String] = []
        var quotedBytes = 0
        while try reader.advance() {
            emails.append(reader.value(at: 1))
            quotedBytes += reader.withValueBytes(at: 0) { $0.filter { $0 == UInt8(ascii: "\"") }.count }
        }
        #expect(emails == ["taro@example.com", "hanako@example.com", "john@example.com"])
        #expect(quotedBytes == 2)
        #expect(reader.row == 3)
    }
}
