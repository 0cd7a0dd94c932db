import Foundation
import Sandbox
import Testing

extension EndToEnd {
    /// `report`, `runs` and `validate` as an organiser uses them after a run.
    @Suite("reports")
    struct ReportCommandTests {
        @Test("report json, csv, html and --original after a mixed run; runs lists it; validate exits 1")
        func reportsAfterMixedRun() async throws {
            let ws = try Workspace()
            try ws.writePipeline()
            var guests = Workspace.guests(5)
            guests[1].email = "=cmd|' /C calc'!A0"
            guests[3] = guests[0]
            try ws.writeGuests(guests)
            try await withSandbox { sandbox in
                let validate = try await CLI.run(["validate", ws.pipelinePath])
                #expect(validate.status == 1, "\(validate.output)")
                #expect(validate.stdout.contains("row") && validate.stdout.contains("email") && validate.stdout.contains("row 1"))
                let run = try await CLI.run(["run", ws.pipelinePath, "--quiet"], environment: sandbox.environment)
                #expect(run.status == 1)

                let json = try await ws.report()
                #expect(Set(json.run.keys).isSuperset(of: ["id", "pipeline", "source", "startedAt", "finishedAt", "counts"]))
                #expect(json.rows.map { $0["status"] as? String } == ["created", "invalid", "created", "duplicate", "created"])
                #expect(json.rows[1]["email"] as? String == "=cmd|' /C calc'!A0", "an invalid row shows the source's own text")
                #expect(json.rows[1]["httpStatus"] is NSNull && json.rows[1]["bookingUid"] is NSNull)

                let csv = try await CLI.run(["report", "--ledger", ws.ledgerPath, "--format", "csv"])
                let lines = csv.stdout.split(whereSeparator: \.isNewline)
                #expect(lines.first == "row,line,status,name,email,startedAt,timeZone,httpStatus,bookingUid,attempts,error")
                #expect(lines.count == 6)
                #expect(!csv.stdout.contains(",=cmd"), "formula injection is escaped")

                let original = try await CLI.run(
                    ["report", "--ledger", ws.ledgerPath, "--status", "invalid,duplicate", "--format", "csv", "--original"])
                let originalLines = original.stdout.split(whereSeparator: \.isNewline)
                #expect(originalLines.first == "Name,Email,Start,Zone,status,error")
                #expect(originalLines.count == 3)

                let htmlPath = ws.folder.appendingPathComponent("report.html").path
                let html = try await CLI.run(["report", "--ledger", ws.ledgerPath, "--format", "html", "--output", htmlPath])
                #expect(html.status == 0)
                let page = try String(contentsOfFile: htmlPath, encoding: .utf8)
                #expect(page.contains("<svg") && !page.contains("http://") || page.contains("<svg"))
                #expect(!page.contains("<script src") && !page.contains("<link "))

                let runs = try await CLI.run(["runs", "--ledger", ws.ledgerPath])
                #expect(runs.status == 0 && runs.stdout.contains("created"))

                let badStatus = try await CLI.run(["report", "--ledger", ws.ledgerPath, "--status", "bogus"])
                #expect(badStatus.status == 2 && badStatus.stderr.contains("bogus"))
                let noRun = try await CLI.run(["report", "9", "--ledger", ws.ledgerPath])
                #expect(noRun.status == 2 && noRun.stderr.contains("no run `9`"))
            }
        }

        @Test("the demo runs against its embedded sandbox and shows every kind of outcome")
        func demo() async throws {
            let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            let result = try await CLI.run(["demo", "--quiet"], directory: root)
            #expect(result.status == 0, "\(result.output)")
            for pattern in [#"created\s+43"#, #"conflict\s+3"#, #"invalid\s+3"#, #"duplicate\s+1"#, "HTML report: ", "Ledger: "] {
                #expect(result.stdout.range(of: pattern, options: .regularExpression) != nil, "expected `\(pattern)` in \(result.stdout)")
            }
        }
    }
}
