import Foundation
import Sandbox
import Testing

@testable import GuestList

extension EndToEnd {
    /// Mistakes an organiser can make: each exits 2 with one clear sentence naming what and where, and
    /// nothing is sent.
    @Suite("user errors")
    struct UserErrorTests {
        static let cases: [(name: String, pipeline: String, csv: String, expected: [String])] = [
            (
                "unknown key",
                "source:\n  path: guests.csv\ncolumns:\n  name: Name\n  email: Email\n  startedAt: Start\n  timeZone: Zone\ndefaults:\n  eventTypeId: mzgdPJVBb7RE\nlimitz:\n  rate: 5\n",
                "Name,Email,Start,Zone\nA,a@example.com,2030-06-01 10:00,Asia/Tokyo\n", ["unknown key `limitz`", "event.yml:10", "did you mean `limits`"]
            ),
            (
                "missing column",
                "source:\n  path: guests.csv\ncolumns:\n  name: Name\n  email: E-mail\n  startedAt: Start\n  timeZone: Zone\ndefaults:\n  eventTypeId: mzgdPJVBb7RE\n",
                "Name,Email,Start,Zone\nA,a@example.com,2030-06-01 10:00,Asia/Tokyo\n", ["column `E-mail`", "guests.csv", "did you mean `Email`"]
            ),
            (
                "missing source file",
                "source:\n  path: nowhere.csv\ncolumns:\n  name: Name\n  email: Email\n  startedAt: Start\n  timeZone: Zone\ndefaults:\n  eventTypeId: mzgdPJVBb7RE\n",
                "", ["nowhere.csv", "does not exist"]
            ),
            (
                "XML without the record element",
                "source:\n  path: guests.csv\n  format: xml\n  record: guest\ncolumns:\n  name: name\n  email: email\n  startedAt: start\n  timeZone: zone\ndefaults:\n  eventTypeId: mzgdPJVBb7RE\n",
                "<export><attendee><name>A</name><email>a@example.com</email><start>2030-06-01 10:00</start><zone>Asia/Tokyo</zone></attendee><attendee><name>B</name></attendee></export>\n",
                ["no <guest> element", "guests.csv", "<attendee> ×2", "record: attendee"]
            ),
            (
                "XML broken before its first record",
                "source:\n  path: guests.csv\n  format: xml\n  record: guest\ncolumns:\n  name: name\n  email: email\n  startedAt: start\n  timeZone: zone\ndefaults:\n  eventTypeId: mzgdPJVBb7RE\n",
                "<export>\n<guest><name>A</name><email>a@example.com</emial></guest>\n</export>\n",
                ["guests.csv:2", "malformed"]
            ),
            (
                "not YAML",
                "source: [unclosed\n",
                "", ["not valid YAML", "event.yml"]
            ),
            (
                "bad limit",
                "source:\n  path: guests.csv\ncolumns:\n  name: Name\n  email: Email\n  startedAt: Start\n  timeZone: Zone\ndefaults:\n  eventTypeId: mzgdPJVBb7RE\nlimits:\n  rate: fast\n",
                "Name,Email,Start,Zone\n", ["limits.rate", "event.yml:11"]
            ),
        ]

        @Test("a bad pipeline exits 2, names the problem and sends nothing", arguments: cases.indices)
        func badPipeline(_ index: Int) async throws {
            let c = Self.cases[index]
            let ws = try Workspace()
            try ws.write("event.yml", c.pipeline)
            if !c.csv.isEmpty { try ws.write("guests.csv", c.csv) }
            try await withSandbox { sandbox in
                let result = try await CLI.run(["run", ws.pipelinePath, "--quiet"], environment: sandbox.environment)
                #expect(result.status == 2, "\(c.name): \(result.output)")
                for text in c.expected { #expect(result.stderr.contains(text), "\(c.name): expected `\(text)` in: \(result.stderr)") }
                #expect(!result.stderr.contains("GuestListError"), "no internal type names")
                #expect(await sandbox.state.received().isEmpty, "\(c.name): nothing may be sent")
                if FileManager.default.fileExists(atPath: ws.ledgerPath) {
                    let runs = try await CLI.run(["runs", "--ledger", ws.ledgerPath])
                    #expect(runs.stdout.contains("No runs yet."), "\(c.name): no run is recorded: \(runs.output)")
                }
            }
        }

        @Test("a missing JICOO_API_KEY exits 2 with a hint")
        func missingKey() async throws {
            let ws = try Workspace()
            try ws.writePipeline()
            try ws.writeGuests(Workspace.guests(1))
            let result = try await CLI.run(["run", ws.pipelinePath])
            #expect(result.status == 2)
            #expect(result.stderr.contains("JICOO_API_KEY is not set"))
        }

        @Test("bad flags exit 2, not argument-parser's 64")
        func badFlags() async throws {
            #expect(try await CLI.run(["run"]).status == 2)
            #expect(try await CLI.run(["run", "x.yml", "--rate", "abc"]).status == 2)
            #expect(try await CLI.run(["frobnicate"]).status == 2)
            #expect(try await CLI.run(["report", "--format", "pdf", "--ledger", "/nonexistent"]).status == 2)
            let help = try await CLI.run(["run", "--help"])
            #expect(help.status == 0 && help.stdout.contains("Examples"))
        }

        @Test("an unknown event type stops before anything is sent")
        func unknownEventType() async throws {
            let ws = try Workspace()
            try ws.writePipeline(eventType: "noSuchEvent")
            try ws.writeGuests(Workspace.guests(2))
            try await withSandbox { sandbox in
                let result = try await CLI.run(["run", ws.pipelinePath, "--quiet"], environment: sandbox.environment)
                #expect(result.status == 2, "\(result.output)")
                #expect(result.stderr.contains("noSuchEvent"))
                #expect(await sandbox.posts().isEmpty)
            }
        }
    
        @Test("a ledger written by a newer guestlist is refused, not misread")
        func newerLedger() async throws {
            let ws = try Workspace()
            try ws.writePipeline()
            try ws.writeGuests(Workspace.guests(1))
            do {
                let ledger = try Ledger(url: URL(fileURLWithPath: ws.ledgerPath), exclusive: false)
                try ledger.db.execute("PRAGMA user_version = 99")
            }
            for arguments in [["run", ws.pipelinePath], ["report", "--ledger", ws.ledgerPath], ["runs", "--ledger", ws.ledgerPath]] {
                let result = try await CLI.run(arguments, environment: ["JICOO_API_KEY": "k", "JICOO_BASE_URL": "http://127.0.0.1:9"])
                #expect(result.status == 2, "\(arguments): \(result.output)")
                #expect(result.stderr.contains("written by a newer version of guestlist"), "\(result.stderr)")
                #expect(result.stderr.contains("hint: "))
            }
        }

        @Test("report and runs on a ledger that does not exist name the path and say what to do")
        func noLedger() async throws {
            let result = try await CLI.run(["runs", "--ledger", "/tmp/no-such-ledger.sqlite"])
            #expect(result.status == 2)
            #expect(result.stderr.contains("No ledger at /tmp/no-such-ledger.sqlite") && result.stderr.contains("hint: "))
        }
    }
}
