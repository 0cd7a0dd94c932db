import Foundation
import Yams

extension PipelineFile {
    /// Reads and checks a pipeline file. Every problem throws `GuestListError(.pipeline)` naming the key,
    /// the file and the line, so a mistake is found before anything is sent.
    public static func load(from url: URL) throws(GuestListError) -> PipelineFile {
        let path = url.path
        guard FileManager.default.fileExists(atPath: path) else {
            throw GuestListError(
                .pipeline, "Pipeline file \(path) does not exist.",
                location: SourceLocation(file: path), hint: "Check the path, or create one from Pipelines/demo.yml.")
        }
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw GuestListError(.pipeline, "Pipeline file \(path) could not be read as UTF-8 text.", location: SourceLocation(file: path))
        }
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw GuestListError(.pipeline, "Pipeline file \(path) is empty.", location: SourceLocation(file: path))
            }
            root = node
        } catch let error as GuestListError {
            throw error
        } catch let error as YamlError {
            throw GuestListError(
                .pipeline, "Pipeline file \(path) is not valid YAML: \(yamlProblem(error)).",
                location: SourceLocation(file: path, line: yamlLine(error)),
                hint: "Check the indentation and the quoting on that line; values with `:` or `#` need quotes.")
        } catch {
            throw GuestListError(.pipeline, "Pipeline file \(path) is not valid YAML.", location: SourceLocation(file: path))
        }
        var reader = PipelineYAMLReader(file: path, baseDirectory: url.deletingLastPathComponent())
        return try reader.read(root: root, pipelineURL: url)
    }

    private static func yamlLine(_ error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): mark.line
        default: nil
        }
    }

    private static func yamlProblem(_ error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            "\(problem) at line \(mark.line), column \(mark.column)"
        case .duplicatedKeysInMapping(let duplicates, _):
            "duplicate key \(duplicates.map { "`\($0)`" }.joined(separator: ", "))"
        default:
            String(describing: error)
        }
    }
}
