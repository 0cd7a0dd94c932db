import ArgumentParser
import Foundation
import GuestList
import Logging

struct RetryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retry",
        abstract: "Send a run's failed rows again (and its conflicts with --conflicts).",
        discussion: """
            Puts the run's `failed` rows (and `conflict` rows with --conflicts) back to pending and sends them
            under the pipeline's limits, recording new attempts. Invalid rows are not retried: fix the source
            and run the pipeline again.

            Examples:
              JICOO_API_KEY=… guestlist retry --pipeline Pipelines/spring-summit.yml
              JICOO_API_KEY=… guestlist retry 3 --ledger spring-summit.ledger.sqlite --conflicts
            """)

    @Argument(help: "The run id (default: the latest run).")
    var run: String?

    @OptionGroup var location: LedgerLocation
    @OptionGroup var api: APIOptions

    @Flag(name: .long, help: "Retry `conflict` rows too.")
    var conflicts = false

    @Flag(name: .long, help: "No progress bar.")
    var quiet = false

    func run() async throws {
        let ledgerURL = try location.resolve()
        _ = try Ledger.openExisting(url: ledgerURL)
        let file = try pipelineFile(ledgerURL: ledgerURL)
        let progress = ProgressPrinter(enabled: !quiet)
        let trap = SignalTrap()
        let result = try await api.withClient(limits: file.limits, label: "guestlist.retry", progress: progress) { client, logger in
            var session = RunSession(pipeline: file, ledgerURL: ledgerURL, api: client, logger: logger)
            session.checkEventTypes = false
            return try await session.retry(run: run, conflicts: conflicts, stop: trap.stop, onProgress: { progress.update($0) })
        }
        if result.reopened == 0 {
            Terminal.out("Nothing to retry: run \(result.0.info.id) has no failed\(conflicts ? " or conflict" : "") rows.")
        }
        Summary.print(outcome: result.0, ledgerURL: ledgerURL)
        throw ExitCode(ExitStatus.of(result.0))
    }

    /// The limits come from the pipeline that wrote the run, when it can still be read; else defaults.
    private func pipelineFile(ledgerURL: URL) throws -> PipelineFile {
        if let path = location.pipeline { return try PipelineFile.load(from: URL(fileURLWithPath: path)) }
        let ledger = try Ledger.openExisting(url: ledgerURL)
        let run = try ledger.resolveRun(run)
        if let path = try ledger.pipelinePath(run: run.id), let file = try? PipelineFile.load(from: URL(fileURLWithPath: path)) {
            return file
        }
        return PipelineFile.minimal(name: run.pipeline, ledgerURL: ledgerURL, source: URL(fileURLWithPath: run.source))
    }
}
