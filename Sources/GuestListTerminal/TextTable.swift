import GuestList

/// A plain-text table for the terminal: `guestlist validate`'s problems and `guestlist runs`.
///
/// Widths are measured in terminal cells (see `TerminalCells`), so columns holding Japanese names
/// line up. Over-long cells are cut with `…` at the column's maximum, so one long API message cannot
/// push every other column off the screen. No trailing spaces are written.
public struct TextTable: Sendable {
    /// How a column's cells sit within its width.
    public enum Alignment: Sendable { case left, right }

    /// One column: its header, its alignment, and the most cells its values may take.
    public struct Column: Sendable {
        /// The column's title.
        public var header: String
        /// Right for numbers, left for text.
        public var alignment: Alignment
        /// The most cells a value may take before it is cut with `…`.
        public var maxWidth: Int

        public init(_ header: String, alignment: Alignment = .left, maxWidth: Int = 40) {
            self.header = header
            self.alignment = alignment
            self.maxWidth = max(1, maxWidth)
        }
    }

    /// The columns, left to right.
    public var columns: [Column]
    /// The cells of each row, in column order.
    public var rows: [[String]]
    /// What goes between columns.
    public var separator: String

    public init(columns: [Column], rows: [[String]] = [], separator: String = "  ") {
        self.columns = columns
        self.rows = rows
        self.separator = separator
    }

    /// Convenience for left-aligned columns that share one maximum width.
    public init(headers: [String], rows: [[String]], maxColumnWidth: Int = 40) {
        self.init(columns: headers.map { Column($0, maxWidth: maxColumnWidth) }, rows: rows)
    }

    /// The table: a header line, a rule of `-` under each header, then one line per row, each ending
    /// in a newline. Missing cells are blank; extra cells are ignored.
    public func render() -> String {
        let cells = rows.map { row in
            columns.indices.map { index in
                TerminalCells.truncate(index < row.count ? row[index] : "", toWidth: columns[index].maxWidth)
            }
        }
        let headers = columns.map { TerminalCells.truncate($0.header, toWidth: $0.maxWidth) }
        let widths = columns.indices.map { index in
            ([headers[index]] + cells.map { $0[index] }).map(TerminalCells.width(of:)).max() ?? 0
        }
        let rule = widths.map { String(repeating: "-", count: $0) }
        return ([headers, rule] + cells).map { line(of: $0, widths: widths) + "\n" }.joined()
    }

    /// For a table printed a row at a time, without holding its rows (`validate` on a million problem
    /// rows): the header and its rule, with every column as wide as its maximum.
    public func streamedHeader() -> String {
        let widths = columns.map(\.maxWidth)
        let headers = columns.map { TerminalCells.truncate($0.header, toWidth: $0.maxWidth) }
        return line(of: headers, widths: widths) + "\n" + line(of: widths.map { String(repeating: "-", count: $0) }, widths: widths) + "\n"
    }

    /// One row of a streamed table (see `streamedHeader()`), ending in a newline.
    public func streamedLine(_ row: [String]) -> String {
        let cells = columns.indices.map { index in
            TerminalCells.truncate(index < row.count ? row[index] : "", toWidth: columns[index].maxWidth)
        }
        return line(of: cells, widths: columns.map(\.maxWidth)) + "\n"
    }

    private func line(of cells: [String], widths: [Int]) -> String {
        var parts: [String] = []
        for (index, cell) in cells.enumerated() {
            let gap = String(repeating: " ", count: max(0, widths[index] - TerminalCells.width(of: cell)))
            parts.append(columns[index].alignment == .right ? gap + cell : cell + gap)
        }
        var text = parts.joined(separator: separator)
        while text.last == " " { text.removeLast() }
        return text
    }
}
