import ArgumentParser
import Foundation
import GuestList
import GuestListTerminal

struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Export a run's outcome per row as CSV, JSON or HTML.",
        discussion: """
            Examples:
              guestlist report --pipeline Pipelines/spring-summit.yml --format html --output report.html
              guestlist report --ledger spring-summit.ledger.sqlite --format json
              guestlist report --pipeline Pipelines/spring-summit.yml --status invalid,failed,conflict --format csv --original --output fix-these.csv
            """)

    @Argument(help: "The run id (default: the latest run).")
    var run: String?

    @OptionGroup var location: LedgerLocation

    @Option(name: .long, help: "csv, json or html (default: a table of the rows that need attention at a terminal, json otherwise).")
    var format: String?

    @Option(name: .long, help: "Write to this file instead of stdout.")
    var output: String?

    @Option(name: .long, help: "Only rows with these statuses, e.g. invalid,failed,conflict.")
    var status: String?

    @Flag(name: .long, help: "CSV only: the source's own columns plus status and error — a file to fix and run again.")
    var original = false

    @Flag(name: .long, help: "CSV only: start with a UTF-8 byte order mark, for Excel.")
    var bom = false

    func run() async throws {
        let statuses = try status.map(StatusList.parse)
        let ledger = try Ledger.openExisting(url: try location.resolve())
        let run = try ledger.resolveRun(run)
        if format == nil, output == nil, isatty(STDOUT_FILENO) == 1, !original {
            try AttentionTable(statuses: statuses).write(try ledger.reportSource(for: run), to: BufferedOutput(descriptor: STDOUT_FILENO))
            return
        }
        // `--original` is a spreadsheet layout: without --format it means CSV.
        let reportFormat = try ReportFormatName.parse(format ?? (original ? "csv" : "json"))
        if original && reportFormat != .csv {
            throw GuestListError(
                .usage, "--original works only with --format csv.",
                hint: "The source's own columns are a spreadsheet layout; use --format csv --original.")
        }
        let source = try ledger.reportSource(for: run)
        let exporter = ReportExporter(format: reportFormat, statuses: statuses, original: original, byteOrderMark: bom)
        guard let output else {
            let out = BufferedOutput(descriptor: STDOUT_FILENO)
            try exporter.write(source, to: out)
            return
        }
        // Written beside the target and renamed into place, so a report cut short never leaves half a file.
        let target = URL(fileURLWithPath: output)
        let partial = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).partial")
        let descriptor = open(partial.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw GuestListError(
                .usage, "Could not write the report to \(output): \(String(cString: strerror(errno))).",
                location: SourceLocation(file: output))
        }
        let out = BufferedOutput(descriptor: descriptor)
        do {
            try exporter.write(source, to: out)
            if let failure = out.failure {
                throw GuestListError(.usage, "Could not write the report to \(output): \(String(cString: strerror(failure))).", location: SourceLocation(file: output))
            }
            close(descriptor)
            guard rename(partial.path, target.path) == 0 else {
                throw GuestListError(.usage, "Could not write the report to \(output): \(String(cString: strerror(errno))).", location: SourceLocation(file: output))
            }
        } catch {
            close(descriptor)
            unlink(partial.path)
            throw error
        }
        Terminal.err("Wrote \(output)")
    }
}

struct RunsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs",
        abstract: "List the runs recorded in a ledger.",
        discussion: """
            Example:
              guestlist runs --pipeline Pipelines/spring-summit.yml
            """)

    @OptionGroup var location: LedgerLocation

    func run() async throws {
        let ledger = try Ledger.openExisting(url: try location.resolve())
        let runs = try ledger.allRuns()
        if runs.isEmpty {
            Terminal.out("No runs yet.")
            return
        }
        let statuses = RowStatus.allCases
        var rows: [[String]] = []
        for run in runs {
            let info = try ledger.info(for: run)
            rows.append(
                [info.id, info.startedAt, info.finishedAt ?? "unfinished", URL(fileURLWithPath: info.source).lastPathComponent]
                    + statuses.map { String(info.counts[$0]) })
        }
        let columns: [TextTable.Column] =
            [.init("run", alignment: .right, maxWidth: 8), .init("started", maxWidth: 20), .init("finished", maxWidth: 20), .init("source", maxWidth: 32)]
            + statuses.map { .init($0.rawValue, alignment: .right, maxWidth: 10) }
        Terminal.out(TextTable(columns: columns, rows: rows).render(), terminator: "")
    }
}
