/// Where in a user's files an error was found. Every part is optional; whichever are known are shown.
public struct SourceLocation: Sendable, Equatable, Hashable, Codable, CustomStringConvertible {
    public var file: String?
    public var line: Int?
    public var row: Int?
    public var field: String?

    public init(file: String? = nil, line: Int? = nil, row: Int? = nil, field: String? = nil) {
        self.file = file
        self.line = line
        self.row = row
        self.field = field
    }

    public var description: String {
        var parts: [String] = []
        if let file { parts.append(line.map { "\(file):\($0)" } ?? file) } else if let line { parts.append("line \(line)") }
        if let row { parts.append("row \(row)") }
        if let field { parts.append("field `\(field)`") }
        return parts.joined(separator: ", ")
    }
}

/// An error that stops a command (as opposed to a problem that makes a single row invalid).
///
/// The `code` is stable and is what scripts, the ledger and the tests match on; the `message` is one
/// sentence a person reads; `hint` says what to do about it. The CLI maps `code` to an exit status.
public struct GuestListError: Error, Sendable, CustomStringConvertible {
    /// Stable machine-readable error codes.
    public enum Code: String, Sendable, Codable {
        /// Bad flags or arguments.
        case usage
        /// The pipeline file is missing, is not YAML, or has an unknown or invalid key.
        case pipeline
        /// The source file is missing or unreadable, or its header lacks a mapped column.
        case source
        /// The source broke mid-read (malformed XML, say); records before the fault are kept.
        case sourceMalformed
        /// Another process holds the ledger.
        case ledgerInUse
        /// The ledger was written by a newer guestlist.
        case ledgerTooNew
        /// The ledger could not be opened, read or written.
        case ledger
        /// JICOO_API_KEY is not set.
        case missingAPIKey
        /// The API answered 401 or 403.
        case unauthorized
        /// Nothing could connect to the API.
        case unreachable
        /// An event type named by the pipeline does not exist.
        case eventTypeNotFound
        /// SIGINT or SIGTERM.
        case interrupted
        /// The requested run does not exist in the ledger.
        case runNotFound
        /// The ledger could not be written after requests had started: the run stops early, unsent rows pending.
        case ledgerWriteFailed
    }

    public var code: Code
    public var message: String
    public var location: SourceLocation?
    public var hint: String?
    public var cause: (any Error & Sendable)?

    public init(
        _ code: Code, _ message: String, location: SourceLocation? = nil, hint: String? = nil,
        cause: (any Error & Sendable)? = nil
    ) {
        self.code = code
        self.message = message
        self.location = location
        self.hint = hint
        self.cause = cause
    }

    public var description: String {
        var text = message
        if let hint { text += "\nhint: \(hint)" }
        return text
    }
}
