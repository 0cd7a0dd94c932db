import Foundation
import GuestList
import GuestListTerminal

/// Prints `validate`'s (and `run --dry-run`'s) problem table, warnings and counts on stdout.
enum ValidationPrinter {
    static func print(_ prepared: PreparedRun, file: PipelineFile) {
        if !prepared.problems.isEmpty {
            Terminal.out("Problems (these rows will not be sent):")
            Terminal.out(table(prepared.problems))
        }
        if !prepared.warnings.isEmpty {
            Terminal.out("Warnings (these rows will be sent):")
            Terminal.out(table(prepared.warnings))
        }
        if let fault = prepared.sourceFault {
            Terminal.out("Source fault: \(fault.message) The \(prepared.rows.count) records before it were read.")
        }
        let c = prepared.counts
        var parts = ["\(c.total) rows", "\(c.pending) ready to send"]
        if c.skipped > 0 { parts.append("\(c.skipped) already booked (skipped)") }
        if c.invalid > 0 { parts.append("\(c.invalid) invalid") }
        if c.duplicate > 0 { parts.append("\(c.duplicate) duplicate") }
        if !prepared.warnings.isEmpty { parts.append("\(prepared.warnings.count) warnings") }
        Terminal.out("\(file.source.url.lastPathComponent) (\(prepared.encoding)): " + parts.joined(separator: ", ") + ".")
    }

    static func table(_ findings: [RowFinding]) -> String {
        TextTable(
            columns: [
                .init("row", alignment: .right, maxWidth: 8), .init("line", alignment: .right, maxWidth: 8),
                .init("field", maxWidth: 20), .init("value", maxWidth: 30), .init("message", maxWidth: 100),
            ],
            rows: findings.map { [String($0.row), String($0.line), $0.field, $0.value, $0.message] }
        ).render()
    }
}
