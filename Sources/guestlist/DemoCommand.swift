import ArgumentParser
import Foundation
import GuestList
import Logging
import Sandbox

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run Pipelines/demo.yml over Samples/demo.csv against an embedded sandbox: no key, no network.",
        discussion: """
            Starts a fake Jicoo API on a free loopback port, books the demo guest list through it with a fresh
            temporary ledger, and prints the summary and where the ledger and an HTML report are. A few guests
            were already booked through the web form (they come back as conflicts) and a few rows are invalid,
            so every kind of outcome shows. Run it as often as you like.

            Example:
              guestlist demo
            """)

    @Option(name: .long, help: "The demo pipeline (default: Pipelines/demo.yml in the guestlist folder).")
    var pipeline: String?

    @Flag(name: .long, help: "No progress bar.")
    var quiet = false

    /// Guests the demo's sandbox already holds, as if they had registered through Jicoo's own page.
    static let alreadyBooked: [(email: String, name: String, start: String)] = [
        ("kenji.watanabe@example.co.jp", "渡辺 健二", "2030-05-20T01:00:00Z"),
        ("emma.schmidt@example.de", "Emma Schmidt", "2030-05-20T01:00:00Z"),
        ("olivia.brown@example.com", "Olivia Brown", "2030-05-20T05:00:00Z"),
    ]

    func run() async throws {
        let pipelineURL = try locatePipeline()
        let file = try PipelineFile.load(from: pipelineURL)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("guestlist-demo-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let ledgerURL = folder.appendingPathComponent("demo.ledger.sqlite")
        let reportURL = folder.appendingPathComponent("demo-report.html")
        var logger = Logger(label: "guestlist.demo")
        logger.logLevel = .error
        let quiet = self.quiet
        // Held for the whole run: a trap that is let go cancels its handlers and leaves Ctrl-C ignored.
        let trap = SignalTrap()
        let outcome = try await SandboxServer.withRunning(SandboxConfiguration(), logger: logger) { sandbox in
            let iso = ISO8601DateFormatter()
            for guest in Self.alreadyBooked {
                await sandbox.state.preload(
                    eventTypeId: "demoEvent001", email: guest.email, name: guest.name, startedAt: iso.date(from: guest.start)!)
            }
            Terminal.err("Demo sandbox on \(sandbox.baseURL); ledger in \(folder.path)")
            let client = JicooClient(
                baseURL: sandbox.baseURL, apiKey: sandbox.apiKey, connectTimeout: 5, requestTimeout: 10,
                concurrency: file.limits.concurrency, logger: logger)
            let progress = ProgressPrinter(enabled: !quiet)
            return try await withScopedClient(client, progress: progress) { client in
                try await RunSession(pipeline: file, ledgerURL: ledgerURL, api: client, logger: logger).run(
                    stop: trap.stop, onRecorded: { progress.recorded($0) },
                    onProgress: { progress.update($0) })
            }
        }
        let ledger = try Ledger.openExisting(url: ledgerURL)
        try Data(try ReportExporter(format: .html).render(try ledger.reportSource(for: outcome.run)).utf8).write(to: reportURL)
        Summary.print(outcome: outcome, ledgerURL: ledgerURL)
        Terminal.out("HTML report: \(reportURL.path)")
        // The demo is meant to show conflicts and invalid rows; it fails only if the run itself stopped.
        if ExitStatus.of(outcome) == ExitStatus.stoppedEarly { throw ExitCode(ExitStatus.stoppedEarly) }
    }

    /// Pipelines/demo.yml in the current folder, or next to the guestlist package this binary was built in.
    private func locatePipeline() throws -> URL {
        if let pipeline { return URL(fileURLWithPath: pipeline) }
        var candidates = [URL(fileURLWithPath: FileManager.default.currentDirectoryPath)]
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            candidates.append(dir)
            dir = dir.deletingLastPathComponent()
        }
        for base in candidates {
            let url = base.appendingPathComponent("Pipelines/demo.yml")
            if FileManager.default.fileExists(atPath: url.path) { return url }
        }
        throw GuestListError(
            .usage, "Pipelines/demo.yml was not found in this folder or next to the guestlist binary.",
            hint: "Run `guestlist demo` from the guestlist source folder, or pass --pipeline PATH.")
    }
}
