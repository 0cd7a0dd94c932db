import ArgumentParser
import Foundation
import GuestList

/// Everything the CLI writes to the terminal, errors included.
enum Terminal {
    static func out(_ text: String, terminator: String = "\n") {
        FileHandle.standardOutput.write(Data((text + terminator).utf8))
    }

    static func err(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }
    static var useColor: Bool { stderrIsTerminal && ProcessInfo.processInfo.environment["NO_COLOR"] == nil }

    /// Prints an error the way a person should see it and returns the exit code for it.
    static func report(_ error: any Error) -> Int32 {
        if let code = error as? ExitCode { return code.rawValue }
        if let e = error as? GuestListError {
            err("guestlist: \(e.message)")
            if let place = e.location.flatMap({ Self.unsaid($0, in: e.message) }) { err("  where: \(place)") }
            if let cause = e.cause { err("  cause: \(cause)") }
            if let hint = e.hint { err("hint: \(hint)") }
            return ExitStatus.of(e.code)
        }
        let code = GuestListCommand.exitCode(for: error)
        let message = GuestListCommand.fullMessage(for: error)
        if code == .success {
            if !message.isEmpty { out(message) }
            return 0
        }
        if !message.isEmpty { err(message) }
        // argument-parser's usage errors exit 64; SPEC §5 says a usage error exits 2.
        return ExitStatus.usage
    }

    /// The parts of `location` the message does not already say (a message usually names its file), or
    /// nil when it says them all.
    static func unsaid(_ location: SourceLocation, in message: String) -> String? {
        var parts: [String] = []
        if let file = location.file {
            if let line = location.line, !message.contains("\(file):\(line)") && !message.contains("line \(line)") {
                parts.append(message.contains(file) ? "line \(line)" : "\(file):\(line)")
            } else if !message.contains(file) {
                parts.append(file)
            }
        } else if let line = location.line, !message.contains("line \(line)") {
            parts.append("line \(line)")
        }
        if let row = location.row, !message.contains("row \(row)") { parts.append("row \(row)") }
        if let field = location.field, !message.contains(field) { parts.append("field `\(field)`") }
        return parts.isEmpty ? nil : parts.joined(separator: ", ")
    }
}
