import GuestList

/// `--status LIST`: the row filter shared by every report format.
public enum StatusList {
    /// Parses a comma-separated list of statuses such as `invalid,failed,conflict`.
    ///
    /// Case and surrounding spaces are forgiven and empty items (`invalid,,failed`) are ignored,
    /// because a list typed by hand often has them; an unknown name is a usage error that names it and
    /// lists the valid ones, so a typo never silently filters everything out.
    /// - Throws: `GuestListError(.usage, …)` for an unknown status or an empty list.
    public static func parse(_ text: String) throws(GuestListError) -> Set<RowStatus> {
        let names = text.split(separator: ",").map { $0.trimmingSpaces().lowercased() }.filter { !$0.isEmpty }
        let valid = RowStatus.allCases.map(\.rawValue).joined(separator: ", ")
        guard !names.isEmpty else {
            throw GuestListError(.usage, "--status needs at least one status.", hint: "Valid statuses: \(valid).")
        }
        var statuses = Set<RowStatus>()
        for name in names {
            guard let status = RowStatus(rawValue: name) else {
                throw GuestListError(.usage, "Unknown status `\(name)` in --status.", hint: "Valid statuses: \(valid).")
            }
            statuses.insert(status)
        }
        return statuses
    }
}

/// `--format NAME`.
public enum ReportFormatName {
    /// Parses a `--format` value, forgiving case.
    /// - Throws: `GuestListError(.usage, …)` naming the bad value and the valid ones.
    public static func parse(_ text: String) throws(GuestListError) -> ReportFormat {
        guard let format = ReportFormat(rawValue: text.lowercased()) else {
            let valid = ReportFormat.allCases.map(\.rawValue).joined(separator: ", ")
            throw GuestListError(.usage, "Unknown report format `\(text)`.", hint: "Valid formats: \(valid).")
        }
        return format
    }
}

extension Substring {
    /// Trims spaces and tabs without Foundation, so the parser has no locale in it.
    fileprivate func trimmingSpaces() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[start...end])
    }
}
