/// One record's cells read through its source's `FieldMap`: the source's own text of each booking
/// field, defaults applied. What a report shows where a value could not be normalized, and what a
/// problem quotes.
public struct SourceFields: Sendable, Equatable {
    /// The record's values, aligned with the source's columns.
    public let values: [String]
    public let map: FieldMap

    public init(values: [String], map: FieldMap) {
        self.values = values
        self.map = map
    }

    /// The text of the field at `path` (`name`, `tracking.campaign`, …); nil when the row gives none.
    public subscript(path: String) -> String? {
        map.text(of: path, in: values)
    }

    /// The start as the row writes it: `startedAt`, else the date and the time columns joined by a space.
    public var start: String {
        if let startedAt = self["startedAt"] { return startedAt }
        return [self["startDate"], self["startTime"]].compactMap { $0 }.joined(separator: " ")
    }

    /// The source's own text for the report's four fields, for a row that was not normalized at all.
    public var display: RowDisplay {
        RowDisplay(name: self["name"] ?? "", email: self["email"] ?? "", startedAt: start, timeZone: self["timeZone"] ?? "")
    }
}
