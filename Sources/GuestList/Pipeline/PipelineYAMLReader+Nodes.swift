import Foundation
import Yams

extension PipelineYAMLReader {
    func error(_ what: String, line: Int?, key: String) -> GuestListError {
        let place = line.map { "\(file):\($0)" } ?? file
        return GuestListError(
            .pipeline, "\(place): \(what).", location: SourceLocation(file: file, line: line, field: key))
    }

    func unknownField(_ field: String, section: String, line: Int?) -> GuestListError {
        let hint = ColumnSuggestion.nearest(to: field, among: Array(BookingField.plain)).map { "did you mean `\($0)`?" }
        var e = error("`\(section).\(field)` is not a booking field", line: line, key: "\(section).\(field)")
        e.hint = hint ?? "Booking fields are: \(BookingField.all.joined(separator: ", "))."
        return e
    }

    func mapping(_ node: Node, _ what: String) throws(GuestListError) -> Node.Mapping {
        guard let map = node.mapping else {
            throw error("`\(what)` must be a mapping of keys to values", line: node.mark?.line, key: what)
        }
        return map
    }

    func checkKeys(_ map: Node.Mapping, allowed: Set<String>, section: String?) throws(GuestListError) {
        for (key, _) in map {
            let name = key.string ?? ""
            if !allowed.contains(name) {
                let full = section.map { "\($0).\(name)" } ?? name
                var e = error("unknown key `\(full)`", line: key.mark?.line, key: full)
                if let near = ColumnSuggestion.nearest(to: name, among: Array(allowed)) {
                    e.hint = "did you mean `\(section.map { "\($0)." } ?? "")\(near)`?"
                } else {
                    e.hint = "Allowed keys here: \(allowed.sorted().joined(separator: ", "))."
                }
                throw e
            }
        }
    }

    func scalar(_ node: Node, _ what: String, trim: Bool = true) throws(GuestListError) -> String {
        guard case .scalar(let s) = node else {
            throw error("`\(what)` must be a single value", line: node.mark?.line, key: what)
        }
        return trim ? s.string.trimmingCharacters(in: .whitespaces) : s.string
    }

    func number(_ node: Node, _ what: String, min: Double) throws(GuestListError) -> Double {
        guard let v = node.float ?? node.int.map(Double.init), v >= min, v.isFinite else {
            throw error("`\(what)` must be a number of at least \(min)", line: node.mark?.line, key: what)
        }
        return v
    }

    func integer(_ node: Node, _ what: String, min: Int) throws(GuestListError) -> Int {
        guard let v = node.int, v >= min else {
            throw error("`\(what)` must be a whole number of at least \(min)", line: node.mark?.line, key: what)
        }
        return v
    }

    /// Flattens `columns:`/`defaults:` so that `tracking: {campaign: X}` and `tracking.campaign: X` mean the same.
    func flattenFields(_ node: Node, section: String) throws(GuestListError) -> [(String, String, Int?)] {
        var out: [(String, String, Int?)] = []
        func walk(_ node: Node, prefix: String) throws(GuestListError) {
            let map = try mapping(node, prefix.isEmpty ? section : "\(section).\(prefix)")
            for (k, v) in map {
                let key = try scalar(k, section)
                let path = prefix.isEmpty ? key : "\(prefix).\(key)"
                if v.mapping != nil {
                    try walk(v, prefix: path)
                } else {
                    out.append((path, try scalar(v, "\(section).\(path)"), k.mark?.line))
                }
            }
        }
        try walk(node, prefix: "")
        return out
    }

    /// Paths in a pipeline are relative to the pipeline file.
    func resolve(_ path: String) -> URL {
        let expanded = (path as NSString).expandingTildeInPath
        if expanded.hasPrefix("/") { return URL(fileURLWithPath: expanded).standardizedFileURL }
        return baseDirectory.appendingPathComponent(expanded).standardizedFileURL
    }
}
