/// The formats `guestlist report --format` can write.
public enum ReportFormat: String, Sendable, CaseIterable {
    case csv, json, html

    /// Parses a `--format` value, forgiving case.
    /// - Throws: `GuestListError(.usage, …)` naming the bad value and the valid ones.
    public init(parsing text: String) throws {
        guard let format = ReportFormat(rawValue: text.lowercased()) else {
            let valid = ReportFormat.allCases.map(\.rawValue).joined(separator: ", ")
            throw GuestListError(.usage, "Unknown report format `\(text)`.", hint: "Valid formats: \(valid).")
        }
        self = format
    }

    /// The usual file extension, for a default output name.
    public var fileExtension: String { rawValue }
}
