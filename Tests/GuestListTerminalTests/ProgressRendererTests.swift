import Testing

import GuestList
@testable import GuestListTerminal

@Suite struct ProgressRendererTests {
    static let counts: StatusCounts = {
        var counts = StatusCounts()
        counts.created = 1230
        counts.conflict = 3
        counts.failed = 1
        return counts
    }()

    @Test func wideTerminalShowsEverything() {
        let line = ProgressRenderer(total: 5000, counts: Self.counts, elapsed: 49.36, width: 120).line()
        #expect(line == "[####----------------] 1,234/5,000  25.0 rows/s  ETA 2m31s  created 1230 · conflict 3 · failed 1 · pending 3766")
    }

    @Test(arguments: [200, 120, 100, 80, 60, 40, 20, 5])
    func neverExceedsTheTerminal(width: Int) {
        let line = ProgressRenderer(total: 5000, counts: Self.counts, elapsed: 49.36, width: width).line()
        #expect(TerminalCells.width(of: line) <= max(1, width - 1))
        if width >= 80 { #expect(line.contains("pending 3766") && line.contains("ETA 2m31s")) }
    }

    @Test func narrowTerminalKeepsTheCountsOverTheBar() {
        let line = ProgressRenderer(total: 5000, counts: Self.counts, elapsed: 49.36, width: 80).line()
        #expect(line == "1,234/5,000  ETA 2m31s  created 1230 · conflict 3 · failed 1 · pending 3766")
    }

    @Test func rateIgnoresRowsDoneBeforeSending() {
        var counts = StatusCounts()
        counts.invalid = 100
        counts.created = 50
        let progress = ProgressRenderer(total: 250, counts: counts, elapsed: 10, doneAtStart: 100)
        #expect(progress.rate == 5)
        #expect(progress.eta == 20)
        #expect(progress.plainLine() == "150/250 rows (60.0%), 5.0 rows/s, ETA 20s: created 50, invalid 100, pending 100")
    }

    @Test func unknownRateAndFinishedRun() {
        let start = ProgressRenderer(total: 10, counts: StatusCounts(), elapsed: 0, width: 100)
        #expect(start.line() == "[--------------------] 0/10  -- rows/s  ETA --  pending 10")
        var counts = StatusCounts()
        counts.created = 10
        let end = ProgressRenderer(total: 10, counts: counts, elapsed: 4, width: 100)
        #expect(end.line() == "[####################] 10/10  2.5 rows/s  ETA 0.0s  created 10")
    }

    @Test func colourOnlyWhenAsked() {
        let plain = ProgressRenderer(total: 5000, counts: Self.counts, elapsed: 49.36, width: 120)
        var coloured = plain
        coloured.colour = true
        #expect(!plain.line().contains("\u{1B}["))
        #expect(coloured.line().contains("\u{1B}[31mfailed\u{1B}[0m 1"))
        #expect(TerminalCells.width(of: coloured.line()) > TerminalCells.width(of: plain.line()))
    }

    @Test(arguments: [(0.0, "0.0s"), (9.94, "9.9s"), (45, "45s"), (151, "2m31s"), (3725, "1h02m")])
    func durations(seconds: Double, text: String) {
        #expect(ReportNumber.duration(seconds) == text)
    }

    @Test(arguments: [(0, "0"), (999, "999"), (1000, "1,000"), (1_234_567, "1,234,567"), (-4200, "-4,200")])
    func groupedNumbers(value: Int, text: String) {
        #expect(ReportNumber.grouped(value) == text)
    }
}

@Suite struct RedrawThrottleTests {
    @Test func redrawsAtMostTenTimesASecond() {
        var throttle = RedrawThrottle()
        var draws = 0
        for tick in 0..<100 where throttle.shouldRedraw(at: Double(tick) * 0.01) { draws += 1 }
        #expect(draws == 10)
    }

    @Test func forceAlwaysDrawsAndRestartsTheInterval() {
        var throttle = RedrawThrottle(interval: 5)
        let answers = [
            throttle.shouldRedraw(at: 100), throttle.shouldRedraw(at: 101), throttle.shouldRedraw(at: 102, force: true),
            throttle.shouldRedraw(at: 106), throttle.shouldRedraw(at: 107),
            throttle.shouldRedraw(at: 50),  // a clock that went backwards redraws rather than freezing
        ]
        #expect(answers == [true, false, true, false, true, true])
    }
}
