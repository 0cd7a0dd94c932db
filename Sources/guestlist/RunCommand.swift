import ArgumentParser
import Foundation
import GuestList
import Logging

struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Book every row of a pipeline's guest list (resumes an unfinished run).",
        discussion: """
            Reads the whole source, records every row in the ledger, then sends the pending rows under the \
            pipeline's limits. Running the same command again resumes an interrupted run; once a run has \
            finished, running it again starts a new run in which rows already booked are skipped.

            To fix rows and send them again: export them with `guestlist report … --status invalid,failed,conflict \
            --format csv --original --output fix-these.csv`, fix them in a spreadsheet, and run the pipeline with \
            `--source fix-these.csv`: the file is read with the pipeline's format and columns, into its ledger, and \
            rows already booked stay skipped.

            Examples:
              JICOO_API_KEY=… guestlist run Pipelines/spring-summit.yml
              JICOO_API_KEY=… guestlist run Pipelines/spring-summit.yml --source fix-these.csv
              guestlist run Pipelines/spring-summit.yml --dry-run
              JICOO_API_KEY=… guestlist run Pipelines/spring-summit.yml --rate 2 --concurrency 2 --quiet
            """)

    @Argument(help: "The pipeline file (YAML).")
    var pipeline: String

    @Option(name: .long, help: "Read this file instead of the pipeline's source.path (same format and columns), into the pipeline's ledger.")
    var source: String?

    @Option(name: .long, help: "Use this ledger instead of the pipeline's.")
    var ledger: String?

    @OptionGroup var api: APIOptions

    @Option(name: .long, help: ArgumentHelp("Requests per second, or auto to find the API's limit (overrides limits.rate).", valueName: "R|auto"))
    var rate: RateSetting?

    @Option(name: .long, help: "Requests in flight at once (overrides limits.concurrency).")
    var concurrency: Int?

    @Flag(name: .long, help: "Extract, normalize and validate, and print the would-be summary; send and record nothing.")
    var dryRun = false

    @Flag(name: .long, help: "No progress bar.")
    var quiet = false

    func validate() throws {
        if let concurrency, concurrency < 1 { throw ValidationError("--concurrency must be at least 1, got \(concurrency).") }
    }

    func run() async throws {
        var file = try PipelineFile.load(from: URL(fileURLWithPath: pipeline))
        if let source { file.source.url = URL(fileURLWithPath: source).standardizedFileURL }
        if let rate {
            file.limits.rate = rate
            if case .fixed(let figure) = rate { file.limits.burst = min(file.limits.burst, max(1, Int(figure.rounded(.up)))) }
        }
        if let concurrency { file.limits.concurrency = concurrency }
        let ledgerURL = ledger.map { URL(fileURLWithPath: $0).standardizedFileURL } ?? file.ledgerURL
        if dryRun {
            throw ExitCode(try DryRun.run(file: file, ledgerURL: ledgerURL))
        }
        let progress = ProgressPrinter(enabled: !quiet)
        let trap = SignalTrap()
        let outcome = try await api.withClient(limits: file.limits, label: "guestlist.run", progress: progress) { client, logger in
            var session = RunSession(pipeline: file, ledgerURL: ledgerURL, api: client, logger: logger)
            session.sourceGiven = source != nil
            return try await session.run(
                stop: trap.stop, onReading: { progress.reading($0) },
                onRecorded: { progress.recorded($0) },
                onProgress: { progress.update($0) })
        }
        Summary.print(outcome: outcome, ledgerURL: ledgerURL, pipelinePath: pipeline)
        throw ExitCode(ExitStatus.of(outcome))
    }
}

extension RateSetting: ExpressibleByArgument {
    /// `--rate 20` or `--rate auto`; anything else is a usage error (exit 2).
    public init?(argument: String) {
        self.init(parsing: argument)
    }
}
