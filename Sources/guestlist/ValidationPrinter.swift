import Foundation
import GuestList
import GuestListTerminal

/// Prints `validate`'s (and `run --dry-run`'s) problem table, warnings and counts on stdout, a row at a
/// time from the validation store: a million problem rows print without being held.
enum ValidationPrinter {
    static let table = TextTable(columns: [
        .init("row", alignment: .right, maxWidth: 7), .init("line", alignment: .right, maxWidth: 7),
        .init("field", maxWidth: 16), .init("value", maxWidth: 30), .init("message", maxWidth: 160),
    ])

    static func print(_ store: ValidationStore, tally: ValidationStore.Tally, summary: SourceSummary, file: PipelineFile) throws {
        let out = BufferedOutput(descriptor: STDOUT_FILENO)
        for (warnings, title) in [(false, "Problems (these rows will not be sent):"), (true, "Warnings (these rows will be sent):")] {
            var first = true
            try store.forEachFinding(warnings: warnings) { finding in
                if first {
                    out.write(title + "\n" + table.streamedHeader())
                    first = false
                }
                out.write(table.streamedLine([String(finding.row), String(finding.line), finding.field, finding.value, finding.message]))
            }
            if !first { out.write("\n") }
        }
        if let fault = summary.sourceFault {
            out.write("Source fault: \(fault.message) The \(summary.rows) records before it were read.\n")
        }
        let c = tally.counts
        var parts = ["\(c.total) rows", "\(c.pending) ready to send"]
        if c.skipped > 0 { parts.append("\(c.skipped) already booked (skipped)") }
        if c.invalid > 0 { parts.append("\(c.invalid) invalid") }
        if c.duplicate > 0 { parts.append("\(c.duplicate) duplicate") }
        if tally.warnings > 0 { parts.append("\(tally.warnings) warnings") }
        out.write("\(file.source.url.lastPathComponent) (\(summary.encoding)): " + parts.joined(separator: ", ") + ".\n")
        out.flush()
    }
}
