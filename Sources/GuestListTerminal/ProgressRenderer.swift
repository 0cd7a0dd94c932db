import GuestList

/// The progress line of `guestlist run`: a pure value turned into text, so the CLI only decides
/// when and where to draw it, and tests check the text without a terminal.
///
/// ```
/// [#####-----] 1,234/5,000  25.0 rows/s  ETA 2m31s  created 1200 · conflict 3 · failed 1 · pending 3766
/// ```
/// The line never exceeds `width - 1` cells (a line that fills the last column makes many terminals
/// wrap): it drops the bar's length, then the rate, then the bar, and only last the counts, since the
/// counts (failures especially) are what an organiser watches.
public struct ProgressRenderer: Sendable {
    /// Rows in the run.
    public var total: Int
    /// Rows that ended in each status so far; `pending` is ignored and shown as what remains.
    public var counts: StatusCounts
    /// Seconds since this session started sending.
    public var elapsed: Double
    /// Rows already done when `elapsed` started (recorded invalid, duplicate or skipped before the
    /// first request, or finished by an earlier session), so they do not inflate the rate and the ETA.
    public var doneAtStart: Int
    /// The terminal's width in cells.
    public var width: Int
    /// Colour with ANSI escapes; the caller passes false for `NO_COLOR` or a dumb terminal.
    public var colour: Bool

    public init(
        total: Int, counts: StatusCounts, elapsed: Double, doneAtStart: Int = 0, width: Int = 80, colour: Bool = false
    ) {
        self.total = total
        self.counts = counts
        self.elapsed = elapsed
        self.doneAtStart = doneAtStart
        self.width = width
        self.colour = colour
    }

    /// Rows that reached a final status.
    public var done: Int { RowStatus.allCases.filter { $0 != .pending }.reduce(0) { $0 + counts[$1] } }
    /// Rows still to finish.
    public var remaining: Int { max(0, total - done) }

    /// Rows per second in this session, or nil until there is something to measure.
    public var rate: Double? {
        let sent = done - doneAtStart
        guard elapsed >= 0.5, sent > 0 else { return nil }
        return Double(sent) / elapsed
    }

    /// Seconds left at the current rate, or nil when unknown.
    public var eta: Double? {
        if remaining == 0 { return 0 }
        return rate.map { Double(remaining) / $0 }
    }

    /// The line for a terminal (no newline; the caller adds `\r` and clears the rest of the line).
    public func line() -> String {
        let limit = max(1, width - 1)
        let layouts: [[Part]] = [
            [.bar(20), .counter, .rate, .eta, .counts], [.bar(10), .counter, .rate, .eta, .counts],
            [.bar(10), .counter, .eta, .counts], [.counter, .eta, .counts], [.counter, .counts],
        ]
        for layout in layouts where TerminalCells.width(of: render(layout, colour: false)) <= limit {
            return render(layout, colour: colour)
        }
        return TerminalCells.truncate(render([.counter, .counts], colour: false), toWidth: limit)
    }

    /// The line for a log or a pipe, printed every few seconds instead of redrawn:
    /// `1,234/5,000 rows (24.7%), 25.0 rows/s, ETA 2m31s: created 1200, conflict 3, failed 1, pending 3766`.
    public func plainLine() -> String {
        let percent = total == 0 ? 100 : Double(done) * 100 / Double(total)
        let items = statusItems().map { "\($0.status) \($0.count)" }.joined(separator: ", ")
        return "\(counterText) rows (\(ReportNumber.fixed(percent, places: 1))%), \(rateText), \(etaText): \(items)"
    }

    private enum Part { case bar(Int), counter, rate, eta, counts }

    private func render(_ parts: [Part], colour: Bool) -> String {
        let texts = parts.map { part in
            switch part {
            case .bar(let cells): bar(cells, colour: colour)
            case .counter: counterText
            case .rate: rateText
            case .eta: etaText
            case .counts:
                statusItems().map { paint("\($0.status)", $0.status, colour) + " \($0.count)" }.joined(separator: " · ")
            }
        }
        // The bar is followed by one space, the other parts by two, as in the example above.
        guard case .bar = parts.first, texts.count > 1 else { return texts.joined(separator: "  ") }
        return texts[0] + " " + texts.dropFirst().joined(separator: "  ")
    }

    private var counterText: String { "\(ReportNumber.grouped(done))/\(ReportNumber.grouped(total))" }
    private var rateText: String { rate.map { ReportNumber.fixed($0, places: 1) + " rows/s" } ?? "-- rows/s" }
    private var etaText: String { "ETA " + (eta.map(ReportNumber.duration) ?? "--") }

    private func bar(_ cells: Int, colour: Bool) -> String {
        let filled = total == 0 ? cells : min(cells, cells * done / total)
        let hashes = String(repeating: "#", count: filled)
        return "[" + (colour ? "\u{1B}[32m\(hashes)\u{1B}[0m" : hashes) + String(repeating: "-", count: cells - filled) + "]"
    }

    /// The non-zero final statuses in contract order, then what remains as `pending`.
    private func statusItems() -> [(status: RowStatus, count: Int)] {
        RowStatus.allCases.filter { $0 != .pending && counts[$0] > 0 }.map { ($0, counts[$0]) }
            + (remaining > 0 ? [(.pending, remaining)] : [])
    }

    private func paint(_ text: String, _ status: RowStatus, _ colour: Bool) -> String {
        guard colour else { return text }
        let code: String
        switch status {
        case .created: code = "32"
        case .conflict: code = "33"
        case .invalid: code = "35"
        case .duplicate, .pending: code = "2"
        case .skipped: code = "36"
        case .failed: code = "31"
        }
        return "\u{1B}[\(code)m\(text)\u{1B}[0m"
    }
}
