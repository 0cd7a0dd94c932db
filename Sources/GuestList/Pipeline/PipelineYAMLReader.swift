import Foundation
import Yams

/// Walks a pipeline's YAML tree, checking every key against SPEC §2 and remembering each node's line
/// so that a mistake is reported where the organiser can find it.
struct PipelineYAMLReader {
    let file: String
    let baseDirectory: URL

    private static let topKeys: Set<String> = ["name", "source", "columns", "defaults", "limits", "normalize", "ledger"]
    private static let sourceKeys: Set<String> = ["path", "format", "encoding", "delimiter", "record"]
    private static let limitKeys: Set<String> = ["rate", "burst", "concurrency", "maxAttempts", "connectTimeout", "requestTimeout"]
    private static let normalizeKeys: Set<String> = ["dateOrder", "dst", "allowPast", "timeZoneAliases"]

    mutating func read(root: Node, pipelineURL: URL) throws(GuestListError) -> PipelineFile {
        let top = try mapping(root, "the pipeline")
        try checkKeys(top, allowed: Self.topKeys, section: nil)
        let stem = pipelineURL.deletingPathExtension().lastPathComponent
        let name = try top["name"].map { n throws(GuestListError) in try scalar(n, "name") } ?? stem

        guard let sourceNode = top["source"] else { throw error("the key `source` is missing", line: root.mark?.line, key: "source") }
        let source = try readSource(sourceNode)

        var columns: [(field: String, column: String)] = []
        if let node = top["columns"] {
            for (field, column, line) in try flattenFields(node, section: "columns") {
                guard BookingField.isKnown(field) else { throw unknownField(field, section: "columns", line: line) }
                columns.append((field, column))
            }
        }
        var defaults: [String: String] = [:]
        if let node = top["defaults"] {
            for (field, value, line) in try flattenFields(node, section: "defaults") {
                guard BookingField.isKnown(field) else { throw unknownField(field, section: "defaults", line: line) }
                defaults[field] = value
            }
        }
        let mapped = Set(columns.map(\.field)).union(defaults.keys)
        let hasStart = mapped.contains("startedAt") || mapped.contains("startDate")
        for required in ["name", "email", "eventTypeId", "timeZone"] where !mapped.contains(required) {
            throw error("the booking field `\(required)` is neither mapped in `columns` nor set in `defaults`", line: root.mark?.line, key: required)
        }
        if !hasStart {
            throw error("the start is not mapped: map `startedAt`, or `startDate` and `startTime`, in `columns`", line: root.mark?.line, key: "startedAt")
        }
        let limits = try readLimits(top["limits"])
        let normalize = try readNormalize(top["normalize"])
        let ledgerPath = try top["ledger"].map { n throws(GuestListError) in try scalar(n, "ledger") } ?? "\(stem).ledger.sqlite"
        return PipelineFile(
            url: pipelineURL, name: name, source: source, columns: columns, defaults: defaults, limits: limits,
            normalize: normalize, ledgerURL: resolve(ledgerPath))
    }

    // MARK: - Sections

    private func readSource(_ node: Node) throws(GuestListError) -> PipelineFile.Source {
        let map = try mapping(node, "source")
        try checkKeys(map, allowed: Self.sourceKeys, section: "source")
        guard let pathNode = map["path"] else { throw error("`source.path` is missing", line: node.mark?.line, key: "source.path") }
        let url = resolve(try scalar(pathNode, "source.path"))
        let format: PipelineFile.Source.Format
        if let f = map["format"] {
            let text = try scalar(f, "source.format").lowercased()
            guard let value = PipelineFile.Source.Format(rawValue: text) else {
                throw error("`source.format` is `\(text)`; use csv or xml", line: f.mark?.line, key: "source.format")
            }
            format = value
        } else {
            format = url.pathExtension.lowercased() == "xml" ? .xml : .csv
        }
        var csv = CSVOptions()
        if let e = map["encoding"] {
            let text = try scalar(e, "source.encoding").lowercased()
            let aliases: [String: CSVOptions.Encoding] = [
                "auto": .auto, "utf-8": .utf8, "utf8": .utf8, "utf-16": .utf16, "utf16": .utf16,
                "shift_jis": .shiftJIS, "shift-jis": .shiftJIS, "sjis": .shiftJIS, "cp932": .shiftJIS,
            ]
            guard let value = aliases[text] else {
                throw error("`source.encoding` is `\(text)`; use auto, utf-8, utf-16 or shift_jis", line: e.mark?.line, key: "source.encoding")
            }
            csv.encoding = value
        }
        if let d = map["delimiter"] {
            let text = try scalar(d, "source.delimiter", trim: false)
            switch text {
            case ",": csv.delimiter = .comma
            case ";": csv.delimiter = .semicolon
            case "\t", "\\t", "tab": csv.delimiter = .tab
            case "auto": csv.delimiter = .auto
            default:
                throw error("`source.delimiter` is `\(text)`; use \",\", \";\", \"\\t\" or auto", line: d.mark?.line, key: "source.delimiter")
            }
        }
        var record: String?
        if let r = map["record"] { record = try scalar(r, "source.record") }
        if format == .xml && record == nil {
            throw error("an XML source needs `source.record`, the element name of one record", line: node.mark?.line, key: "source.record")
        }
        return PipelineFile.Source(url: url, format: format, csv: csv, recordElement: record)
    }

    private func readLimits(_ node: Node?) throws(GuestListError) -> LoadLimits {
        var limits = LoadLimits()
        guard let node else { return limits }
        let map = try mapping(node, "limits")
        try checkKeys(map, allowed: Self.limitKeys, section: "limits")
        if let n = map["rate"] {
            if n.string?.trimmingCharacters(in: .whitespaces).lowercased() == "auto" {
                limits.rate = .auto
            } else {
                guard let rate = try? number(n, "limits.rate", min: 0.01) else {
                    throw error("`limits.rate` must be a number of at least 0.01, or auto", line: n.mark?.line, key: "limits.rate")
                }
                limits.rate = .fixed(rate)
            }
        }
        limits.burst = try map["burst"].map { n throws(GuestListError) in try integer(n, "limits.burst", min: 1) }
            ?? max(1, Int(limits.rate.startingRate.rounded(.up)))
        if let n = map["concurrency"] { limits.concurrency = try integer(n, "limits.concurrency", min: 1) }
        if let n = map["maxAttempts"] { limits.maxAttempts = try integer(n, "limits.maxAttempts", min: 1) }
        if let n = map["connectTimeout"] { limits.connectTimeout = try number(n, "limits.connectTimeout", min: 0.1) }
        if let n = map["requestTimeout"] { limits.requestTimeout = try number(n, "limits.requestTimeout", min: 0.1) }
        return limits
    }

    private func readNormalize(_ node: Node?) throws(GuestListError) -> NormalizeOptions {
        var options = NormalizeOptions()
        guard let node else { return options }
        let map = try mapping(node, "normalize")
        try checkKeys(map, allowed: Self.normalizeKeys, section: "normalize")
        if let n = map["dateOrder"] {
            let text = try scalar(n, "normalize.dateOrder").lowercased()
            guard let v = NormalizeOptions.DateOrder(rawValue: text) else {
                throw error("`normalize.dateOrder` is `\(text)`; use ymd, mdy or dmy", line: n.mark?.line, key: "normalize.dateOrder")
            }
            options.dateOrder = v
        }
        if let n = map["dst"] {
            let text = try scalar(n, "normalize.dst").lowercased()
            guard let v = NormalizeOptions.DSTPolicy(rawValue: text) else {
                throw error("`normalize.dst` is `\(text)`; use reject, earlier or later", line: n.mark?.line, key: "normalize.dst")
            }
            options.dst = v
        }
        if let n = map["allowPast"] {
            guard let v = n.bool else { throw error("`normalize.allowPast` must be true or false", line: n.mark?.line, key: "normalize.allowPast") }
            options.allowPast = v
        }
        if let n = map["timeZoneAliases"] {
            let aliases = try mapping(n, "normalize.timeZoneAliases")
            for (k, v) in aliases {
                options.timeZoneAliases[try scalar(k, "normalize.timeZoneAliases")] = try scalar(v, "normalize.timeZoneAliases.\(k.string ?? "")")
            }
        }
        return options
    }
}
