import Foundation

/// A parsed pipeline file (SPEC §2): where the guest list is, how its columns map to booking fields,
/// which defaults apply, and the limits the loader keeps to.
public struct PipelineFile: Sendable {
    /// The source file and how to read it.
    public struct Source: Sendable, Equatable {
        public enum Format: String, Sendable { case csv, xml }
        public var url: URL
        public var format: Format
        public var csv: CSVOptions
        /// XML only: the element name of one record.
        public var recordElement: String?
    }

    /// The pipeline file itself.
    public var url: URL
    public var name: String
    public var source: Source
    /// Booking field path → source column, in the file's order.
    public var columns: [(field: String, column: String)]
    /// Booking field path → constant value.
    public var defaults: [String: String]
    /// The loader's limits (SPEC §2 `limits:`).
    public var limits: LoadLimits
    /// Normalization options; `now` is set when a run starts.
    public var normalize: NormalizeOptions
    public var ledgerURL: URL
}

/// The booking fields a pipeline may map or default (SPEC §1 and §2).
public enum BookingField {
    static let plain: Set<String> = [
        "startedAt", "startDate", "startTime", "timeZone", "eventTypeId", "email", "name", "company",
        "textRemindCountryCode", "textRemindNumber", "ccEmails", "message", "locale", "locationId", "phoneNumber",
        "tracking.campaign", "tracking.source", "tracking.medium", "tracking.content", "tracking.term",
        "payment.paymentMethod", "payment.items", "payment.successUrl", "payment.cancelUrl",
    ]

    /// Whether `path` names a booking field; `answers.<questionUid>` is open-ended.
    public static func isKnown(_ path: String) -> Bool {
        if plain.contains(path) { return true }
        if path.hasPrefix("answers."), path.count > "answers.".count { return true }
        return false
    }

    /// All known field names, for "did you mean" suggestions.
    public static var all: [String] { plain.sorted() + ["answers.<questionUid>"] }
}

extension PipelineFile {
    /// A pipeline with default limits, for `retry` when the original pipeline file is gone.
    public static func minimal(name: String, ledgerURL: URL, source: URL) -> PipelineFile {
        PipelineFile(
            url: ledgerURL, name: name,
            source: Source(url: source, format: .csv, csv: CSVOptions(), recordElement: nil),
            columns: [], defaults: [:], limits: LoadLimits(), normalize: NormalizeOptions(), ledgerURL: ledgerURL)
    }
}
