import Foundation
import Sandbox
import Testing

/// A temporary folder holding a pipeline, its CSV and its ledger, like an organiser's project folder.
/// The folder is removed when the workspace goes: a suite leaves nothing behind in /tmp.
final class Workspace: Sendable {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("guestlist-e2e-\(UUID().uuidString.prefix(12))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: folder)
    }

    var pipelinePath: String { folder.appendingPathComponent("event.yml").path }
    var ledgerPath: String { folder.appendingPathComponent("event.ledger.sqlite").path }

    func write(_ name: String, _ text: String) throws {
        try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }

    /// A pipeline over `guests.csv` (Name, Email, Start, Zone[, extra columns]).
    func writePipeline(eventType: String = "mzgdPJVBb7RE", extraColumns: String = "", extraDefaults: String = "", limits: String = "rate: 50\n  burst: 10\n  concurrency: 4\n  maxAttempts: 8\n  requestTimeout: 5\n  connectTimeout: 2") throws {
        try write(
            "event.yml",
            """
            name: e2e
            source:
              path: guests.csv
            columns:
              name: Name
              email: Email
              startedAt: Start
              timeZone: Zone
            \(extraColumns)
            defaults:
              eventTypeId: \(eventType)
              locale: en
            \(extraDefaults)
            limits:
              \(limits)
            """)
    }

    /// `count` distinct guests at a handful of 2030 start times.
    static func guests(_ count: Int, prefix: String = "guest") -> [(name: String, email: String, start: String, zone: String)] {
        (0..<count).map { i in
            ("Guest \(i)", "\(prefix)\(i)@example.com", "2030-06-0\(1 + i % 5) 1\(i % 8):00", "Asia/Tokyo")
        }
    }

    func writeGuests(_ guests: [(name: String, email: String, start: String, zone: String)], header: String = "Name,Email,Start,Zone") throws {
        try write("guests.csv", ([header] + guests.map { "\($0.name),\($0.email),\($0.start),\($0.zone)" }).joined(separator: "\r\n") + "\r\n")
    }

    /// The run's JSON report, parsed.
    func report(_ run: String? = nil) async throws -> (run: [String: Any], rows: [[String: Any]]) {
        let result = try await CLI.run(["report"] + (run.map { [$0] } ?? []) + ["--ledger", ledgerPath, "--format", "json"])
        #expect(result.status == 0, "report failed: \(result.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] ?? [:]
        return (object["run"] as? [String: Any] ?? [:], object["rows"] as? [[String: Any]] ?? [])
    }

    static func counts(_ run: [String: Any]) -> [String: Int] {
        (run["counts"] as? [String: Any] ?? [:]).compactMapValues { ($0 as? NSNumber)?.intValue }
    }
}

extension RunningSandbox {
    var environment: [String: String] { ["JICOO_API_KEY": apiKey, "JICOO_BASE_URL": baseURL] }

    /// POSTs the sandbox received.
    func posts() async -> [ReceivedRequest] {
        await state.received().filter { $0.method == "POST" && $0.path == "/v1/bookings" }
    }

    /// How many bookings the sandbox holds for each lower-cased email.
    func bookingsPerEmail() async -> [String: Int] {
        var counts: [String: Int] = [:]
        for booking in await state.bookings() { counts[booking.email.lowercased(), default: 0] += 1 }
        return counts
    }
}

/// Runs `body` with an in-process sandbox on a free loopback port.
func withSandbox<T: Sendable>(faults: SandboxFaults = .init(), _ body: (RunningSandbox) async throws -> T) async throws -> T {
    try await SandboxServer.withRunning(SandboxConfiguration(faults: faults), body)
}
