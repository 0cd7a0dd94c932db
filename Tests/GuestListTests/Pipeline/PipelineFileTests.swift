import Foundation
import Testing

@testable import GuestList

/// Reading pipeline files (SPEC §2): defaults, nested fields, and every mistake named with its line.
@Suite("PipelineFile")
struct PipelineFileTests {
    static func write(_ yaml: String, name: String = "event.yml") throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pipeline-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(name)
        try yaml.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    static let minimal = """
        source:
          path: ../data/guests.csv
        columns:
          name: Full Name
          email: E-mail
          startedAt: Start
          tracking:
            campaign: Campaign
          answers.q-diet: Diet
        defaults:
          eventTypeId: ev1
          timeZone: Asia/Tokyo
        """

    @Test("defaults: name from the stem, csv from the extension, SPEC limits, ledger beside the file")
    func defaults() throws {
        let url = try Self.write(Self.minimal, name: "spring-summit.yml")
        let p = try PipelineFile.load(from: url)
        #expect(p.name == "spring-summit")
        #expect(p.source.format == .csv)
        #expect(p.source.url.path == url.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("data/guests.csv").path)
        #expect(p.limits == LoadLimits())
        #expect(p.limits.rate == .fixed(5) && p.limits.burst == 5 && p.limits.concurrency == 4 && p.limits.maxAttempts == 5)
        #expect(p.ledgerURL.lastPathComponent == "spring-summit.ledger.sqlite")
        #expect(p.columns.map(\.field) == ["name", "email", "startedAt", "tracking.campaign", "answers.q-diet"])
        #expect(p.defaults["eventTypeId"] == "ev1")
    }

    @Test("burst defaults to the rate")
    func burstDefault() throws {
        let p = try PipelineFile.load(from: try Self.write(Self.minimal + "\nlimits:\n  rate: 12\n"))
        #expect(p.limits.burst == 12)
    }

    @Test("each mistake exits as a pipeline error naming the key and its line", arguments: [
        ("\nlimitz:\n  rate: 5\n", "unknown key `limitz`", 13),
        ("\nlimits:\n  rate: 0\n", "limits.rate", 14),
        ("\nlimits:\n  concurrency: many\n", "limits.concurrency", 14),
        ("\nnormalize:\n  dst: sometimes\n", "normalize.dst", 14),
        ("\nnormalize:\n  dateOrder: ydm\n", "normalize.dateOrder", 14),
        ("\nsource2: x\n", "unknown key `source2`", 13),
    ])
    func mistakes(_ extra: String, _ expected: String, _ line: Int) throws {
        let url = try Self.write(Self.minimal + extra)
        do {
            _ = try PipelineFile.load(from: url)
            Issue.record("accepted a bad pipeline")
        } catch {
            #expect(error.code == .pipeline)
            #expect(error.message.contains(expected), "\(error.message)")
            #expect(error.location?.line == line, "\(error.message)")
            #expect(error.message.contains(url.path))
        }
    }

    @Test("a field that is not a booking field is refused with a suggestion")
    func unknownField() throws {
        let url = try Self.write(Self.minimal.replacingOccurrences(of: "  name: Full Name", with: "  nme: Full Name"))
        do {
            _ = try PipelineFile.load(from: url)
            Issue.record("accepted")
        } catch {
            #expect(error.message.contains("columns.nme"))
            #expect(error.hint?.contains("`name`") == true)
        }
    }

    @Test("an XML source needs `record`; a missing pipeline file is named")
    func xmlAndMissing() throws {
        let xml = try Self.write(Self.minimal.replacingOccurrences(of: "guests.csv", with: "guests.xml"))
        #expect(throws: GuestListError.self) { try PipelineFile.load(from: xml) }
        let missing = URL(fileURLWithPath: "/nonexistent/p.yml")
        do {
            _ = try PipelineFile.load(from: missing)
        } catch {
            #expect(error.message.contains("/nonexistent/p.yml"))
        }
    }
}
