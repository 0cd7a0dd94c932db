import ArgumentParser
import Foundation
import GuestList

/// The `guestlist` command: flags → configuration → GuestList → exit code (SPEC §5).
struct GuestListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "guestlist",
        abstract: "Bulk-book event attendees into Jicoo from a CSV or XML guest list, exactly once.",
        discussion: """
            Describe your guest list once in a pipeline file, then run it. Every row ends with one outcome in a
            SQLite ledger next to the pipeline, so an interrupted run resumes where it stopped and nothing is
            booked twice.

            Examples:
              guestlist demo
              guestlist validate Pipelines/spring-summit.yml
              JICOO_API_KEY=… guestlist run Pipelines/spring-summit.yml
              guestlist report --pipeline Pipelines/spring-summit.yml --format html --output report.html

            Exit codes: 0 every row created or skipped; 1 finished, but some rows need attention;
            2 usage, pipeline or input-file error, or ledger in use (nothing sent); 3 stopped early
            (unsent rows stay pending; run the same command again to resume).
            """,
        version: GuestListVersion.current,
        subcommands: [
            RunCommand.self, ValidateCommand.self, RetryCommand.self, ReportCommand.self, RunsCommand.self,
            SandboxCommand.self, DemoCommand.self,
        ])
}

@main
enum Main {
    static func main() async {
        do {
            var command = try GuestListCommand.parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(Terminal.report(error))
        }
    }
}
