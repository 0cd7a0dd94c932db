import Foundation
import Testing

@testable import GuestList

@Suite("CSV encoding and delimiter sniffing")
struct CSVSniffingTests {
    @Test("auto encoding", arguments: [
        ([0xEF, 0xBB, 0xBF] + Array("a,b\n1,é\n".utf8), "utf-8"),
        (Array("a,b\n1,é\n".utf8), "utf-8"),
        (Array("a,b\n1,2\n".utf8), "utf-8"),
        ([0xFF, 0xFE, 0x61, 0x00, 0x0A, 0x00], "utf-16le"),
        ([0xFE, 0xFF, 0x00, 0x61, 0x00, 0x0A], "utf-16be"),
        ([0x61, 0x00, 0x2C, 0x00, 0x62, 0x00, 0x0A, 0x00], "utf-16le"),
        (Array("a,b\n".utf8) + [0x93, 0xFA, 0x96, 0x7B, 0x0A], "shift_jis"),  // 日本
        (Array(repeating: UInt8(ascii: "x"), count: 200_000) + [0x0A, 0x93, 0xFA, 0x96, 0x7B], "shift_jis"),
    ] as [([UInt8], String)])
    func autoEncoding(bytes: [UInt8], expected: String) throws {
        let url = ExtractFixtures.temporaryFile(bytes)
        defer { try? FileManager.default.removeItem(at: url) }
        let reader = try CSVReader(url: url)
        #expect(reader.encodingName == expected)
    }

    @Test("a UTF-8 BOM is dropped from the first header even when UTF-8 is forced")
    func bomWithForcedUTF8() throws {
        let url = ExtractFixtures.temporaryFile([0xEF, 0xBB, 0xBF] + Array("Name,Email\nA,a@x\n".utf8))
        defer { try? FileManager.default.removeItem(at: url) }
        let reader = try CSVReader(url: url, options: CSVOptions(encoding: .utf8))
        #expect(reader.columns == ["Name", "Email"])
    }

    @Test("auto delimiter", arguments: [
        ("a,b,c\n1,2,3\n", CSVOptions.Delimiter.comma),
        ("a;b;c\n1;2,5;3\n", .semicolon),
        ("a\tb\tc\n1\t2,5\t3\n", .tab),
        ("\"a;x\",b,c\n1,2,3\n", .comma),
        ("name\nAnn\n", .comma),
    ])
    func autoDelimiter(text: String, expected: CSVOptions.Delimiter) throws {
        let url = ExtractFixtures.temporaryFile(Array(text.utf8))
        defer { try? FileManager.default.removeItem(at: url) }
        let reader = try CSVReader(url: url, options: CSVOptions(delimiter: .auto))
        #expect(reader.delimiter == expected)
    }

    @Test("line ends: CRLF, LF, CR, mixed, and none at the end", arguments: [
        "h\r\n1\r\n2\r\n", "h\n1\n2\n", "h\r1\r2\r", "h\r\n1\n2", "h\n1\r\n2",
    ])
    func lineEnds(text: String) throws {
        let url = ExtractFixtures.temporaryFile(Array(text.utf8))
        defer { try? FileManager.default.removeItem(at: url) }
        var reader = try CSVReader(url: url)
        let (records, _) = ExtractFixtures.readAll(&reader)
        #expect(records.map(\.values) == [["1"], ["2"]])
        #expect(records.map(\.line) == [2, 3])
    }
}
