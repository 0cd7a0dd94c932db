import Foundation
import Testing

@testable import GuestList

/// Thousands of random and mutated inputs: the readers must not crash or hang, and every record's
/// row and line must be sane (rows 1, 2, 3…; lines rising and within the file).
@Suite("Extract fuzzing", .timeLimit(.minutes(1)))
struct ExtractFuzzTests {
    static let csvFixtures = [
        "excel-windows.csv", "excel-mac-cr.csv", "google-sheets.csv", "numbers-semicolon.csv",
        "excel-unicode-text.txt", "utf16be.csv", "excel-japanese-sjis.csv", "ragged.csv", "unterminated.csv",
        "blank-lines.csv",
    ]
    static let xmlFixtures = ["guests.xml", "guests-namespaces.xml", "guests-utf16.xml", "malformed.xml", "billion-laughs.xml"]
    /// Bytes that matter to the parsers, weighted into random inputs.
    static let interesting: [UInt8] = Array(",;\t\"\r\n <>/&;!?=x".utf8) + [0x00, 0x81, 0xFF, 0xFE, 0xEF, 0xBB, 0xBF, 0xE3, 0x82]

    static func randomBytes(_ rng: inout SeededRandom) -> [UInt8] {
        let count = Int.random(in: 0...300, using: &rng)
        return (0..<count).map { _ in
            Bool.random(using: &rng) ? interesting.randomElement(using: &rng)! : UInt8.random(in: 0...255, using: &rng)
        }
    }

    static func mutate(_ input: [UInt8], _ rng: inout SeededRandom) -> [UInt8] {
        var bytes = input
        for _ in 0..<Int.random(in: 1...6, using: &rng) {
            let at = bytes.isEmpty ? 0 : Int.random(in: 0..<bytes.count, using: &rng)
            switch Int.random(in: 0..<5, using: &rng) {
            case 0 where !bytes.isEmpty: bytes[at] = interesting.randomElement(using: &rng)!
            case 1: bytes.insert(interesting.randomElement(using: &rng)!, at: at)
            case 2 where !bytes.isEmpty: bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...20, using: &rng)))
            case 3 where !bytes.isEmpty:
                let piece = bytes[at..<min(bytes.count, at + Int.random(in: 1...40, using: &rng))]
                bytes.insert(contentsOf: piece, at: Int.random(in: 0...bytes.count, using: &rng))
            case 4: bytes = Array(bytes.prefix(at))
            default: break
            }
        }
        return bytes
    }

    /// Checks that rows count up from 1 and lines rise and stay within the input.
    /// CSV records each start on a later line; XML records may share one (`<g/><g/>`).
    static func expectSane(
        _ records: [SourceRecord], columns: Int, maxLine: Int, input: [UInt8], strictlyRising: Bool = true
    ) {
        for (index, record) in records.enumerated() {
            #expect(record.row == index + 1, "row \(record.row) at \(index) for \(input)")
            #expect(record.line >= 1 && record.line <= maxLine, "line \(record.line) > \(maxLine) for \(input)")
            #expect(record.values.count == columns)
            if index > 0 {
                let previous = records[index - 1].line
                #expect(strictlyRising ? record.line > previous : record.line >= previous, "lines not rising for \(input)")
            }
        }
    }

    static func lineCount(_ bytes: [UInt8]) -> Int {
        var lines = 1
        for (i, b) in bytes.enumerated() where b == 10 || (b == 13 && (i + 1 == bytes.count || bytes[i + 1] != 10)) {
            lines += 1
        }
        return lines
    }

    @Test("CSV: random bytes and mutated fixtures")
    func csv() throws {
        var rng = SeededRandom(seed: 20_261_128)
        let fixtures = try Self.csvFixtures.map { [UInt8](try Data(contentsOf: ExtractFixtures.url($0))) }
        let url = ExtractFixtures.temporaryFile([])
        defer { try? FileManager.default.removeItem(at: url) }
        let encodings: [CSVOptions.Encoding] = [.auto, .auto, .utf8, .utf16, .shiftJIS]
        let delimiters: [CSVOptions.Delimiter] = [.comma, .auto, .semicolon, .tab]
        for iteration in 0..<3000 {
            let input = iteration % 3 == 0
                ? Self.randomBytes(&rng) : Self.mutate(fixtures.randomElement(using: &rng)!, &rng)
            try Data(input).write(to: url)
            let options = CSVOptions(
                delimiter: delimiters.randomElement(using: &rng)!, encoding: encodings.randomElement(using: &rng)!)
            let chunk = [16, 31, 64, 4096].randomElement(using: &rng)!
            let reader: CSVReader
            do {
                reader = try CSVReader(url: url, options: options, chunkSize: chunk, maxRecordBytes: 256)
            } catch {
                #expect(error.code == .source)
                continue
            }
            var source = reader
            let (records, error) = ExtractFixtures.readAll(&source)
            #expect(error == nil)
            #expect(records.count <= input.count)
            // Decoded text can have more line breaks than raw bytes suggest only for UTF-16 and CP932.
            let maxLine = reader.encodingName == "utf-8" ? Self.lineCount(input) : input.count + 1
            Self.expectSane(records, columns: reader.columns.count, maxLine: maxLine, input: input)
        }
    }

    @Test("XML: random bytes and mutated fixtures")
    func xml() throws {
        var rng = SeededRandom(seed: 1_128)
        let fixtures = try Self.xmlFixtures.map { [UInt8](try Data(contentsOf: ExtractFixtures.url($0))) }
        let url = ExtractFixtures.temporaryFile([], suffix: ".xml")
        defer { try? FileManager.default.removeItem(at: url) }
        for iteration in 0..<2000 {
            let input = iteration % 4 == 0
                ? Self.randomBytes(&rng) : Self.mutate(fixtures.randomElement(using: &rng)!, &rng)
            try Data(input).write(to: url)
            var reader = try XMLRecordReader(url: url, recordElement: "guest", fields: ["name", "email", "id"])
            let (records, error) = ExtractFixtures.readAll(&reader)
            if let error { #expect(error.code == .sourceMalformed) }
            #expect(records.count <= input.count)
            Self.expectSane(records, columns: 3, maxLine: Self.lineCount(input) + 1, input: input, strictlyRising: false)
        }
    }
}
