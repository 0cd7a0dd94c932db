import Testing

import GuestList
@testable import GuestListTerminal

@Suite struct RunSummaryTextTests {
    static func run(_ set: (inout StatusCounts) -> Void) -> RunInfo {
        var counts = StatusCounts()
        set(&counts)
        return RunInfo(id: "r-0001", pipeline: "spring-summit", source: "s.csv", startedAt: "t", finishedAt: "u", counts: counts)
    }

    @Test func cleanRunShowsOnlyTheReport() {
        let run = Self.run { $0.created = 1180; $0.skipped = 20 }
        let text = RunSummaryText(run: run, elapsed: 192.4, ledgerPath: "Pipelines/spring-summit.ledger.sqlite").render()
        #expect(text == """
            Run r-0001 of spring-summit finished in 3m12s.

              created    1,180
              skipped       20
              total      1,200

            Ledger: Pipelines/spring-summit.ledger.sqlite

            Open the full report:
              guestlist report --ledger Pipelines/spring-summit.ledger.sqlite --format html --output report.html

            """)
    }

    @Test func problemRunShowsRetryConflictsAndFixItCommands() {
        let run = Self.run { $0.created = 1; $0.conflict = 1; $0.invalid = 1; $0.duplicate = 1; $0.failed = 2 }
        let text = RunSummaryText(run: run, elapsed: 5, ledgerPath: "/data/spring summit.ledger.sqlite").render()
        #expect(text == """
            Run r-0001 of spring-summit finished in 5.0s.

              created    1
              conflict   1
              invalid    1
              duplicate  1
              failed     2
              total      6

            Ledger: '/data/spring summit.ledger.sqlite'

            Retry the 2 rows that failed:
              guestlist retry --ledger '/data/spring summit.ledger.sqlite'

            1 row ended in conflict for a reason that could not be found (final unless you retry them):
              guestlist retry --ledger '/data/spring summit.ledger.sqlite' --conflicts

            Export the rows to fix, with the source's own columns:
              guestlist report --ledger '/data/spring summit.ledger.sqlite' --status invalid,failed,conflict --format csv --original --output fix-these.csv

            Fix them in fix-these.csv, then send them (rows already booked stay skipped):
              guestlist run PIPELINE --source fix-these.csv

            Open the full report:
              guestlist report --ledger '/data/spring summit.ledger.sqlite' --format html --output report.html

            """)
    }

    @Test func interruptedRunSaysHowToResume() {
        let run = Self.run { $0.created = 10; $0.pending = 5 }
        let text = RunSummaryText(run: run, elapsed: 61, ledgerPath: "l.sqlite", pipelinePath: "Pipelines/my event.yml").render()
        #expect(text.hasPrefix("Run r-0001 of spring-summit stopped after 1m01s with 5 rows pending.\n"))
        #expect(text.contains("Resume the run (nothing is sent twice):\n  guestlist run 'Pipelines/my event.yml'\n"))
        #expect(!text.contains("retry"))
        #expect(!text.contains("fix-these"))
    }

    @Test func dryRunSaysWouldSend() {
        let run = Self.run { $0.pending = 1195; $0.invalid = 5 }
        let text = RunSummaryText(run: run, elapsed: 0.42, ledgerPath: "l.sqlite", pipelinePath: "p.yml", dryRun: true).render()
        #expect(text == """
            Dry run of spring-summit: would send 1,195 rows (checked in 0.4s).

              invalid        5
              to send    1,195
              total      1,200

            No request was sent and no run was recorded.
            To list the problem rows:
              guestlist validate p.yml

            """)
        #expect(!text.contains("Ledger"))
    }

    @Test(arguments: [
        ("plain/path.sqlite", "plain/path.sqlite"), ("with space.sqlite", "'with space.sqlite'"),
        ("it's.sqlite", "'it'\\''s.sqlite'"), ("$HOME/x", "'$HOME/x'"), ("", "''"), ("日本.sqlite", "'日本.sqlite'"),
    ])
    func pathsAreQuotedForTheShell(path: String, quoted: String) {
        #expect(ShellQuote.quoted(path) == quoted)
    }

    @Test func conflictsAreGroupedByReasonWithTheNextStepForEach() {
        var run = Self.run { $0.created = 5; $0.conflict = 6 }
        run.conflictReasons = ConflictCounts(alreadyBooked: 3, slotTaken: 2, unknown: 1)
        run.settledRate = (18.4, true)
        let text = RunSummaryText(run: run, elapsed: 9, ledgerPath: "l.sqlite", pipelinePath: "p.yml").render()
        #expect(text.hasPrefix("Run r-0001 of spring-summit finished in 9.0s. rate: auto settled at 18.4 requests/s.\n"))
        #expect(text.contains("  conflict    6  (3 already booked, 2 slot taken, 1 unknown)\n"))
        #expect(text.contains("3 rows ran into a booking the guest already holds (made outside this run): nothing to do"))
        #expect(text.contains("2 rows found the slot full (other guests hold it): choose another time for those guests"))
        #expect(text.contains("1 row ended in conflict for a reason that could not be found (final unless you retry them):\n  guestlist retry --ledger l.sqlite --conflicts"))
    }

    @Test func conflictsAllAlreadyBookedNeedNoRetry() {
        var run = Self.run { $0.created = 1; $0.conflict = 2 }
        run.conflictReasons = ConflictCounts(alreadyBooked: 2)
        let text = RunSummaryText(run: run, elapsed: 1, ledgerPath: "l.sqlite").render()
        #expect(!text.contains("--conflicts"))
        #expect(text.contains("  conflict   2  (2 already booked)\n"))
    }
}
