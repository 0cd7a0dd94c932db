import ArgumentParser
import Foundation
import GuestList
import GuestListTerminal

struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a guest list without sending anything: prints every problem row by row.",
        discussion: """
            Extracts, normalizes and validates every row and prints a table of problems (row, line, field, value,
            message), the warnings, and the counts. Makes no request and writes no ledger. Exits 0 when every row
            would be sent, 1 when some are invalid or duplicates, 2 when the pipeline or the file cannot be read.

            Example:
              guestlist validate Pipelines/spring-summit.yml
            """)

    @Argument(help: "The pipeline file (YAML).")
    var pipeline: String

    func run() async throws {
        let file = try PipelineFile.load(from: URL(fileURLWithPath: pipeline))
        let progress = ProgressPrinter(enabled: true)
        let (store, tally, summary) = try Validation.check(file: file, comparingWith: nil, progress: progress)
        try ValidationPrinter.print(store, tally: tally, summary: summary, file: file)
        throw ExitCode(ExitStatus.finished(tally.counts, sourceFault: summary.sourceFault != nil))
    }
}

/// extract → normalize → validate into a scratch store, shared by `validate` and `run --dry-run`.
enum Validation {
    static func check(
        file: PipelineFile, comparingWith ledger: Ledger?, progress: ProgressPrinter
    ) throws -> (ValidationStore, ValidationStore.Tally, SourceSummary) {
        var store = try ValidationStore()
        let summary = try Pipeline(file: file).read(now: Date(), into: &store, payloads: false, onProgress: { progress.reading($0) })
        progress.doneReading()
        return (store, try store.finish(comparingWith: ledger), summary)
    }
}

/// `run --dry-run`: the same work as `validate`, then the would-be summary (keys already booked in the
/// ledger show as skipped). Sends nothing, records nothing.
enum DryRun {
    static func run(file: PipelineFile, ledgerURL: URL) throws -> Int32 {
        let started = Date()
        let ledger = FileManager.default.fileExists(atPath: ledgerURL.path) ? try Ledger.openExisting(url: ledgerURL) : nil
        let (store, tally, summary) = try Validation.check(file: file, comparingWith: ledger, progress: ProgressPrinter(enabled: false))
        try ValidationPrinter.print(store, tally: tally, summary: summary, file: file)
        let info = RunInfo(
            id: "dry-run", pipeline: file.name, source: file.source.url.path, startedAt: "", finishedAt: nil, counts: tally.counts,
            encoding: summary.encoding, sourceFault: summary.sourceFault?.message)
        Terminal.out(
            RunSummaryText(run: info, elapsed: Date().timeIntervalSince(started), ledgerPath: ledgerURL.path, pipelinePath: file.url.path, dryRun: true)
                .render(), terminator: "")
        return ExitStatus.finished(tally.counts, sourceFault: summary.sourceFault != nil)
    }
}
