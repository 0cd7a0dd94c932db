import Testing

import GuestList
@testable import GuestListTerminal

@Suite struct TextTableTests {
    @Test(arguments: [
        ("abc", 3), ("山田太郎", 8), ("ｊｏｈｎ", 8), ("ｱｲｳ", 3), ("e\u{301}", 1), ("Zoë", 3), ("🎉", 2),
        ("👍🏽", 2), ("한글", 4), ("a\u{200B}b", 2), ("", 0), ("東京 Tokyo", 10),
    ])
    func measuresTerminalCells(text: String, cells: Int) {
        #expect(TerminalCells.width(of: text) == cells)
    }

    @Test(arguments: [
        ("山田太郎", 5, "山田…"), ("山田太郎", 8, "山田太郎"), ("abcdef", 4, "abc…"), ("two\nlines", 20, "two lines"),
        ("山田太郎", 4, "山…"), ("abc", 1, "…"),
    ])
    func truncatesToCells(text: String, width: Int, expected: String) {
        let cut = TerminalCells.truncate(text, toWidth: width)
        #expect(cut == expected)
        #expect(TerminalCells.width(of: cut) <= width)
    }

    /// The `validate` problem table with Japanese and fullwidth values lines up column by column.
    @Test func alignsWideCharacters() {
        let table = TextTable(
            columns: [
                .init("row", alignment: .right), .init("line", alignment: .right), .init("field"),
                .init("value", maxWidth: 12), .init("message", maxWidth: 30),
            ],
            rows: [
                ["3", "4", "email", "ｊｏｈｎ＠ｅｘａｍｐｌｅ．ｃｏｍ", "Email is not a valid address because reasons"],
                ["12", "130", "name", "山田 太郎", "ok"],
                ["1", "2", "timeZone", "Mars/Base", "unknown time zone"],
            ])
        let expected = """
            row  line  field     value        message
            ---  ----  --------  -----------  ------------------------------
              3     4  email     ｊｏｈｎ＠…  Email is not a valid address …
             12   130  name      山田 太郎    ok
              1     2  timeZone  Mars/Base    unknown time zone

            """
        #expect(table.render() == expected)
        let lines = table.render().split(separator: "\n").map(String.init)
        #expect(Set(zip(lines, ["value", "-----------", "ｊｏｈｎ", "山田", "Mars"]).map(startCell)).count == 1)
        #expect(Set(zip(lines, ["message", "------------------------------", "Email", "ok", "unknown"]).map(startCell)).count == 1)
    }

    @Test func columnsStartAtTheSameCellOnEveryLine() {
        let table = TextTable(headers: ["id", "name", "n"], rows: [["1", "佐藤花子", "5"], ["2", "Bob", "17"]])
        let lines = table.render().split(separator: "\n").map(String.init)
        #expect(lines[2] == "1   佐藤花子  5")
        #expect(lines[3] == "2   Bob       17")
        #expect(startCell(lines[2], "5") == startCell(lines[3], "17"))
    }

    @Test func missingCellsAreBlankAndNoLineEndsInSpaces() {
        let text = TextTable(headers: ["a", "b"], rows: [["x"], ["", ""]]).render()
        #expect(text == "a  b\n-  -\nx\n\n")
    }

    /// The terminal cell at which `needle` starts in `line`.
    private func startCell(_ line: String, _ needle: String) -> Int {
        guard let range = line.range(of: needle) else { return -1 }
        return TerminalCells.width(of: String(line[..<range.lowerBound]))
    }
}
