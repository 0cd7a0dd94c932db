import Foundation
import Testing

@testable import GuestList

/// SPEC §3's spreadsheet guards: what the CSV reader takes off, and that it takes off exactly
/// what the CSV reports put on.
@Suite struct SpreadsheetGuardTests {
    /// A cell as found in a file → the value read.
    @Test(arguments: [
        ("'=1+2", "=1+2"), ("'+09:00", "+09:00"), ("'-05:00", "-05:00"), ("'@SUM(A1)", "@SUM(A1)"),
        ("'+81 90-1234-5678", "+81 90-1234-5678"), ("'-5", "-5"), ("'\t=1", "\t=1"), ("'\r=1", "\r=1"),
        ("''=1", "'=1"), ("'''+x", "''+x"),
        // Not guards: left exactly as they are.
        ("'hello", "'hello"), ("it's", "it's"), ("'", "'"), ("''", "''"), ("' =1", "' =1"), ("x'=1", "x'=1"),
        ("=1", "=1"), ("+09:00", "+09:00"), ("", ""), ("'\u{301}=", "'\u{301}="), ("＇=1", "＇=1"),
    ])
    func theReaderTakesOffAGuard(cell: String, value: String) {
        #expect(SpreadsheetGuard.unguarded(cell) == value)
    }

    @Test(arguments: [
        ("=1+2", "'=1+2"), ("+09:00", "'+09:00"), ("-", "'-"), ("@home", "'@home"), ("\t", "'\t"), ("\r\n", "'\r\n"),
        ("-5", "-5"), ("+81", "+81"), ("-0.5", "-0.5"), ("'=1", "''=1"), ("''@", "'''@"), ("'-5", "''-5"),
        ("'hello", "'hello"), ("'", "'"), ("", ""), ("山田", "山田"),
    ])
    func theWriterGuardsFormulasAndCellsThatLookGuarded(value: String, cell: String) {
        #expect(SpreadsheetGuard.guarded(value) == cell)
        #expect(CSVField.guarded(value) == cell)
        #expect(SpreadsheetGuard.unguarded(cell) == value)
    }

    /// `read(guarded(x)) == x` for every x: exhaustively over short strings of the bytes that matter.
    @Test func unguardingInvertsGuardingForEveryShortString() {
        let alphabet = ["'", "=", "+", "-", "@", "\t", "\r", "\n", "5", ".", "x", " ", "\u{301}"]
        var values = [""]
        var frontier = [""]
        for _ in 0..<4 {
            frontier = frontier.flatMap { prefix in alphabet.map { prefix + $0 } }
            values += frontier
        }
        #expect(values.count > 30_000)
        for value in values {
            let cell = SpreadsheetGuard.guarded(value)
            #expect(SpreadsheetGuard.unguarded(cell) == value, "\(value.debugDescription) → \(cell.debugDescription)")
            if let first = value.utf8.first, SpreadsheetGuard.isTrigger(first), !SpreadsheetGuard.isPlainNumber(value) {
                #expect(cell.hasPrefix("'"), "a formula is always guarded: \(value.debugDescription)")
            }
        }
    }

    /// The reader's byte-level check and the string-level one agree.
    @Test(arguments: ["'=1", "''=1", "'a", "'", "=1", "", "''", "'\t", "'\r\n"])
    func theByteCheckMatchesTheStringCheck(cell: String) {
        var cell = cell
        let length = cell.withUTF8 { SpreadsheetGuard.guardLength($0) }
        #expect((length == 1) == (SpreadsheetGuard.unguarded(cell) != cell))
    }

    /// XML values are not spreadsheet cells: a leading `'` stays.
    @Test func xmlValuesKeepTheirApostrophe() throws {
        let xml = "<guests><guest><name>'=not a guard</name><email>'+x@example.com</email></guest></guests>"
        let url = ExtractFixtures.temporaryFile(Array(xml.utf8), suffix: ".xml")
        defer { try? FileManager.default.removeItem(at: url) }
        var reader = try XMLRecordReader(url: url, recordElement: "guest", fields: ["name", "email"])
        let record = try #require(try reader.next())
        #expect(record.values == ["'=not a guard", "'+x@example.com"])
    }
}

extension SpreadsheetGuardTests {
    @Test("plain numbers, which a spreadsheet reads as numbers and runs nothing", arguments: [
        ("-5", true), ("+81", true), ("-0.5", true), ("12", true), ("0.25", true), ("-", false), ("+", false), (".", false),
        ("1.", false), (".5", false), ("-.5", false), ("1.2.3", false), ("1e5", false), ("１", false), ("", false), ("+-1", false),
        ("- 1", false),
    ])
    func plainNumbers(value: String, plain: Bool) {
        #expect(SpreadsheetGuard.isPlainNumber(value) == plain)
    }
}
