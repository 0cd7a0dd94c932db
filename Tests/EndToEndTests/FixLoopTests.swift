import Foundation
import Sandbox
import Testing

extension EndToEnd {
    /// The fix-and-rerun loop (SPEC §3 and §5): `report --original` → edit → `run --source`, losing nothing.
    @Suite("fix loop")
    struct FixLoopTests {
        /// Awkward cells a registration form produces: leading `+ - = @`, quotes, line breaks inside a cell,
        /// full-width text; two rows invalid on purpose.
        static let header = "Name,Email,Start,Zone,Phone,Notes,Company"
        static let rows = [
            #"=Equal Guest,equal@example.com,2030-06-01 10:00,+09:00,+81 90-1234-5678,"=SUM(A1) ""quoted"""# + "\r\n" + #"second line",ＡＢＣ商事"#,
            #"@Home Guest,home@example.com,2030-06-01 11:00,JST,-0120,"@mention, -minus",Acme"#,
            #"-Dash Guest,bad-email,2030-06-01 12:00,Asia/Tokyo,+1 555 0100,"line one"# + "\n" + #"line two",山田商店"#,
            #"佐藤 花子,hanako@example.co.jp,2030-06-01 13:00,Mars/Olympus,03-1234-5678,,"#,
            #"Plain Guest,plain@example.com,2030-06-01 14:00,Asia/Tokyo,,Nothing odd,Plain Co"#,
        ]

        static func pipeline(_ ws: Workspace, encoding: String = "auto") throws {
            try ws.write(
                "event.yml",
                """
                name: fixloop
                source:
                  path: guests.csv
                  encoding: \(encoding)
                columns:
                  name: Name
                  email: Email
                  startedAt: Start
                  timeZone: Zone
                  phoneNumber: Phone
                  message: Notes
                  company: Company
                defaults:
                  eventTypeId: mzgdPJVBb7RE
                  locale: ja
                limits:
                  rate: 50
                  burst: 10
                """)
        }

        static func writeSource(_ ws: Workspace, encoding: String.Encoding) throws {
            let text = ([header] + rows).joined(separator: "\r\n") + "\r\n"
            try #require(text.data(using: encoding)).write(to: ws.folder.appendingPathComponent("guests.csv"))
        }

        /// The POST bodies the sandbox received, by the lower-cased email in them.
        static func bodies(_ sandbox: RunningSandbox) async -> [String: String] {
            var out: [String: String] = [:]
            for post in await sandbox.posts() {
                guard let body = post.body, let object = try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any],
                      let email = object["email"] as? String else { continue }
                out[email.lowercased()] = body
            }
            return out
        }

        @Test("every row exported with --original and read back with --source sends the same bodies", arguments: ["utf-8", "shift_jis"])
        func exportedFileSendsTheSameBodies(encoding: String) async throws {
            let first = try Workspace()
            try Self.pipeline(first)
            try Self.writeSource(first, encoding: encoding == "shift_jis" ? .shiftJIS : .utf8)
            let exported = first.folder.appendingPathComponent("all.csv").path
            let original = try await withSandbox { sandbox in
                let run = try await CLI.run(["run", first.pipelinePath, "--quiet"], environment: sandbox.environment)
                #expect(run.status == 1, "two rows are invalid on purpose: \(run.output)")
                let export = try await CLI.run(["report", "--ledger", first.ledgerPath, "--original", "--output", exported])
                #expect(export.status == 0, "\(export.output)")
                return await Self.bodies(sandbox)
            }
            #expect(original.count == 3)
            #expect(original["equal@example.com"]?.contains(#""phoneNumber":"+81 90-1234-5678""#) == true)

            let second = try Workspace()
            try Self.pipeline(second)
            try Self.writeSource(second, encoding: .utf8)
            let again = try await withSandbox { sandbox in
                let run = try await CLI.run(["run", second.pipelinePath, "--source", exported, "--quiet"], environment: sandbox.environment)
                #expect(run.status == 1, "\(run.output)")
                return await Self.bodies(sandbox)
            }
            #expect(again == original, "the API receives the same JSON for every row")
            let report = try await second.report()
            #expect(report.run["source"] as? String == URL(fileURLWithPath: exported).standardizedFileURL.path)
            #expect(report.rows.map { $0["status"] as? String } == ["created", "created", "invalid", "invalid", "created"])
        }

        @Test("fix the invalid rows in the exported file, run --source: only they are sent, as fixed")
        func fixAndRerun() async throws {
            let ws = try Workspace()
            try Self.pipeline(ws)
            try Self.writeSource(ws, encoding: .utf8)
            try await withSandbox { sandbox in
                let first = try await CLI.run(["run", ws.pipelinePath], environment: sandbox.environment)
                #expect(first.status == 1)
                #expect(first.stdout.contains("--source fix-these.csv"), "the summary says how to send the fixed rows: \(first.stdout)")
                let fix = ws.folder.appendingPathComponent("fix-these.csv")
                let export = try await CLI.run(
                    ["report", "--ledger", ws.ledgerPath, "--status", "invalid,failed,conflict", "--format", "csv", "--original", "--output", fix.path])
                #expect(export.status == 0, "\(export.output)")
                var text = try String(contentsOf: fix, encoding: .utf8)
                #expect(text.contains("'-Dash Guest") && text.contains("'+1 555 0100"), "cells are guarded: \(text)")
                text = text.replacingOccurrences(of: ",bad-email,", with: ",dash@example.com,")
                text = text.replacingOccurrences(of: "Mars/Olympus", with: "+09:00")
                try text.write(to: fix, atomically: true, encoding: .utf8)

                let before = await sandbox.posts().count
                let second = try await CLI.run(["run", ws.pipelinePath, "--source", fix.path, "--quiet"], environment: sandbox.environment)
                #expect(second.status == 0, "\(second.output)")
                let posts = await sandbox.posts().dropFirst(before)
                #expect(posts.count == 2)
                let bodies = posts.compactMap(\.body)
                #expect(bodies.contains { $0.contains(#""name":"-Dash Guest""#) && $0.contains(#""phoneNumber":"+1 555 0100""#) })
                #expect(bodies.contains { $0.contains(#""timeZone":"Etc\/GMT-9""#) || $0.contains(#""timeZone":"Etc/GMT-9""#) })
                #expect(await sandbox.bookingsPerEmail().values.allSatisfy { $0 == 1 })
                let report = try await ws.report()
                #expect(report.run["id"] as? String == "2")
                #expect(Workspace.counts(report.run)["created"] == 2)
            }
        }

        @Test("run --source refuses to start while another file's run is unfinished, and says how to finish it")
        func sourceWhileUnfinished() async throws {
            let ws = try Workspace()
            try Self.pipeline(ws)
            try Self.writeSource(ws, encoding: .utf8)
            try await withSandbox { sandbox in
                var env = sandbox.environment
                env["JICOO_API_KEY"] = "wrong"
                let stopped = try await CLI.run(["run", ws.pipelinePath, "--quiet"], environment: env)
                #expect(stopped.status == 3)
                try ws.write("other.csv", Self.header + "\r\n" + Self.rows[4] + "\r\n")
                let refused = try await CLI.run(
                    ["run", ws.pipelinePath, "--source", ws.folder.appendingPathComponent("other.csv").path, "--quiet"],
                    environment: sandbox.environment)
                #expect(refused.status == 2, "\(refused.output)")
                #expect(refused.stderr.contains("unfinished") && refused.stderr.contains("guestlist run"), "\(refused.stderr)")
                #expect(await sandbox.posts().isEmpty)
            }
        }

        @Test("report at a terminal: the counts and a table of the rows that need attention")
        func reportAtATerminal() async throws {
            let ws = try Workspace()
            try Self.pipeline(ws)
            try Self.writeSource(ws, encoding: .utf8)
            try await withSandbox { sandbox in
                _ = try await CLI.run(["run", ws.pipelinePath, "--quiet"], environment: sandbox.environment)
            }
            // `script` gives the command a terminal for stdout.
            let command = "\(CLI.binary.path) report --ledger \(ws.ledgerPath)"
            let result = try await CLI.run(["-qec", command, "/dev/null"], executable: URL(fileURLWithPath: "/usr/bin/script"))
            #expect(result.status == 0, "\(result.output)")
            #expect(result.stdout.contains("created 3, invalid 2, total 5"), "\(result.stdout)")
            #expect(result.stdout.contains("Rows that need attention") && result.stdout.contains("bad-email"))
            #expect(!result.stdout.contains("plain@example.com"))
            let piped = try await CLI.run(["report", "--ledger", ws.ledgerPath])
            #expect(piped.stdout.hasPrefix("{\"run\": {"), "JSON when stdout is not a terminal")
        }
    }
}
