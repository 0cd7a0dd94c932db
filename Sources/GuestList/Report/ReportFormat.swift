/// The formats a report can be written in.
public enum ReportFormat: String, Sendable, CaseIterable {
    case csv, json, html

    /// The usual file extension, for a default output name.
    public var fileExtension: String { rawValue }
}
