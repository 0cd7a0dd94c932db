import ArgumentParser
import Foundation
import GuestList

/// Everything the CLI writes, and the one place errors become exit codes (SPEC §5).
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
            if let hint = e.hint { err("hint: \(hint)") }
            return exitCode(for: e.code)
        }
        let code = GuestListCommand.exitCode(for: error)
        let message = GuestListCommand.fullMessage(for: error)
        if code == .success {
            if !message.isEmpty { out(message) }
            return 0
        }
        if !message.isEmpty { err(message) }
        // argument-parser's usage errors exit 64; SPEC §5 says a usage error exits 2.
        return 2
    }

    static func exitCode(for code: GuestListError.Code) -> Int32 {
        switch code {
        case .unauthorized, .unreachable, .interrupted: 3
        case .sourceMalformed: 1
        default: 2
        }
    }
}
