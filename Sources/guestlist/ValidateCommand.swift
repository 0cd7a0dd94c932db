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
        let prepared = try Pipeline(file: file).prepare(booked: [:], now: Date(), onProgress: { progress.reading($0) })
        progress.prepared(nil, resumed: false)
        ValidationPrinter.print(prepared, file: file)
        let c = prepared.counts
        throw ExitCode(ExitStatus.finished(c, sourceFault: prepared.sourceFault != nil))
    }
}

/// `run --dry-run`: the same work as `validate`, then the would-be summary (keys already booked in the
/// ledger show as skipped). Sends nothing, records nothing.
enum DryRun {
    static func run(file: PipelineFile, ledgerURL: URL) throws -> Int32 {
        let started = Date()
        var booked: [String: String] = [:]
        if FileManager.default.fileExists(atPath: ledgerURL.path) {
            booked = try Ledger.openExisting(url: ledgerURL).bookedKeys()
        }
        let prepared = try Pipeline(file: file).prepare(booked: booked, now: Date())
        ValidationPrinter.print(prepared, file: file)
        let c = prepared.counts
        let info = RunInfo(
            id: "dry-run", pipeline: file.name, source: file.source.url.path, startedAt: "", finishedAt: nil, counts: c,
            encoding: prepared.encoding, sourceFault: prepared.sourceFault?.message)
        Terminal.out(
            RunSummaryText(run: info, elapsed: Date().timeIntervalSince(started), ledgerPath: ledgerURL.path, pipelinePath: file.url.path, dryRun: true)
                .render(), terminator: "")
        return ExitStatus.finished(c, sourceFault: prepared.sourceFault != nil)
    }
}
