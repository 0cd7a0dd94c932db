import ArgumentParser
import Foundation
import GuestList
import Logging
import Sandbox

struct SandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox",
        abstract: "Serve a local fake of the Jicoo API on 127.0.0.1, for trying pipelines and testing.",
        discussion: """
            Bookings live in memory. Fault knobs can be set here and changed while it runs with
            PUT /_sandbox/faults; GET /_sandbox/requests shows what it received.

            Examples:
              guestlist sandbox --port 8080
              guestlist sandbox --port 8080 --p429 0.3 --latency-ms 50 --jitter-ms 20
              JICOO_API_KEY=sandbox-key JICOO_BASE_URL=http://127.0.0.1:8080 guestlist run Pipelines/demo.yml
            """)

    @Option(name: .long, help: "The port on 127.0.0.1 (0 = any free port).")
    var port: Int = 8080

    @Option(name: .long, help: "The API key it accepts.")
    var apiKey: String = "sandbox-key"

    @Option(name: .long, help: "Server-side rate limit in requests per second (answers 429 with Retry-After).")
    var rateLimit: Double?

    @Option(name: .long, help: "Bucket size of the server-side rate limit.")
    var rateLimitBurst: Int?

    @Option(name: .long, help: "Probability (0–1) that a POST is answered 429.")
    var p429: Double = 0

    @Option(name: .long, help: "Probability (0–1) that a POST is answered 503.")
    var p503: Double = 0

    @Option(name: .long, help: "Probability (0–1) that a POST creates the booking, then drops the connection unanswered.")
    var pDrop: Double = 0

    @Option(name: .long, help: "Added latency per request, in milliseconds.")
    var latencyMs: Int = 0

    @Option(name: .long, help: "Latency jitter (±), in milliseconds.")
    var jitterMs: Int = 0

    @Option(name: .long, help: "Probability (0–1) that a GET under /v1 is answered 503.")
    var pRead503: Double = 0

    @Option(name: .long, help: "Added latency for GET requests under /v1, in milliseconds.")
    var readLatencyMs: Int = 0

    @Option(name: .long, help: "Apply the read faults only to paths ending with this (e.g. /contacts).")
    var readFaultPath: String?

    @Option(name: .long, help: "What a listing's startedAt/endedAt bound: start, overlap or within (default within, the strict reading).")
    var listingWindow: String = SandboxListingWindow.default.rawValue

    @Option(name: .long, help: "Capacity of an event type, as UID=N (repeatable); 0 closes it.")
    var capacity: [String] = []

    @Option(name: .long, help: "Seed for the fault dice, for reproducible runs.")
    var seed: UInt64?

    func validate() throws {
        for (name, p) in [("--p429", p429), ("--p503", p503), ("--p-drop", pDrop), ("--p-read503", pRead503)] where !(0...1).contains(p) {
            throw ValidationError("\(name) must be between 0 and 1, got \(p).")
        }
        if !(0...65535).contains(port) { throw ValidationError("--port must be between 0 and 65535, got \(port).") }
        if SandboxListingWindow(rawValue: listingWindow) == nil {
            throw ValidationError("--listing-window must be start, overlap or within, got `\(listingWindow)`.")
        }
        for entry in capacity where Self.capacityEntry(entry) == nil {
            throw ValidationError("--capacity takes UID=N, got `\(entry)`.")
        }
    }

    func run() async throws {
        let faults = SandboxFaults(
            rateLimit: rateLimit, rateLimitBurst: rateLimitBurst, probability429: p429, probability503: p503,
            latencyMilliseconds: latencyMs, jitterMilliseconds: jitterMs, probabilityDrop: pDrop, probabilityRead503: pRead503,
            readLatencyMilliseconds: readLatencyMs, readFaultPathSuffix: readFaultPath,
            listingWindow: SandboxListingWindow(rawValue: listingWindow) ?? .default, seed: seed)
        var configuration = SandboxConfiguration(apiKey: apiKey, port: port, faults: faults)
        for entry in capacity {
            guard let (uid, limit) = Self.capacityEntry(entry) else { continue }
            guard configuration.setCapacity(limit, forEventType: uid) else {
                throw GuestListError(.usage, "--capacity names an event type the sandbox does not have: `\(uid)`.")
            }
        }
        var logger = Logger(label: "guestlist.sandbox")
        logger.logLevel = .warning
        do {
            try await SandboxServer.run(configuration, logger: logger) { running in
                Terminal.out("Sandbox listening on \(running.baseURL) (key: \(running.apiKey)). Ctrl-C stops it.")
                Terminal.out("  JICOO_API_KEY=\(running.apiKey) JICOO_BASE_URL=\(running.baseURL) guestlist run PIPELINE")
            }
        } catch {
            throw GuestListError(.usage, "The sandbox could not start on 127.0.0.1:\(port): \(error).", hint: "Is the port in use? Try --port 0.")
        }
    }

    /// `UID=N` with N ≥ 0.
    static func capacityEntry(_ text: String) -> (String, Int)? {
        let parts = text.split(separator: "=", maxSplits: 1)
        guard parts.count == 2, let n = Int(parts[1]), n >= 0, !parts[0].isEmpty else { return nil }
        return (String(parts[0]), n)
    }
}
