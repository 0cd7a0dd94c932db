import GuestList
import Testing

@testable import GuestListTerminal

@Suite struct AttentionTableTests {
    static let report: RunReport = {
        var counts = StatusCounts()
        counts.created = 2
        counts.conflict = 1
        counts.invalid = 1
        let run = RunInfo(id: "3", pipeline: "spring-summit", source: "s.csv", startedAt: "t", finishedAt: nil, counts: counts)
        return RunReport(run: run, rows: [
            ReportRow(row: 1, line: 2, status: .created, name: "山田 太郎", email: "taro@example.com", startedAt: "", timeZone: ""),
            ReportRow(row: 2, line: 3, status: .conflict, name: "Jane Doe", email: "jane@example.com", startedAt: "", timeZone: "",
                      error: "Conflict: the slot is taken"),
            ReportRow(row: 3, line: 5, status: .invalid, name: "佐藤 花子", email: "not-an-email", startedAt: "", timeZone: "",
                      error: "Email not-an-email has no @."),
            ReportRow(row: 4, line: 6, status: .created, name: "Li", email: "li@example.com", startedAt: "", timeZone: ""),
        ])
    }()

    @Test func countsThenOnlyTheRowsThatNeedAttention() throws {
        let out = BufferedOutput(collecting: ())
        try AttentionTable().write(Self.report, to: out)
        let lines = out.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "Run 3 of spring-summit (not finished): created 2, conflict 1, invalid 1, total 4.")
        #expect(lines.contains { $0.hasPrefix("status") && $0.contains("reason or error") })
        let body = lines.filter { $0.hasPrefix("conflict") || $0.hasPrefix("invalid") || $0.hasPrefix("created") }
        #expect(body.count == 2)
        #expect(body[0].contains("jane@example.com") && body[0].contains("Conflict: the slot is taken"))
        #expect(body[1].contains("佐藤 花子") && body[1].contains("has no @"))
    }

    @Test func aCleanRunSaysSo() throws {
        let out = BufferedOutput(collecting: ())
        try AttentionTable(statuses: [.failed]).write(Self.report, to: out)
        #expect(out.text.contains("No row needs attention."))
        #expect(!out.text.contains("jane@example.com"))
    }
}
