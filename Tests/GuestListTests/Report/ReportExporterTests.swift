import Foundation
import Testing

@testable import GuestList

@Suite struct ReportExporterTests {
    @Test(arguments: ReportFormat.allCases)
    func filterAppliesToEveryFormat(format: ReportFormat) throws {
        let text = try ReportExporter(format: format, statuses: [.failed]).render(ReportFixtures.small)
        #expect(text.contains("fail@example.com"))
        for other in ["jane@example.com", "not-an-email", "dup@example.com"] { #expect(!text.contains(other)) }
    }

    @Test func filterKeepsTheRunsCounts() throws {
        let filtered = try ReportExporter(format: .json, statuses: [.created]).render(ReportFixtures.small)
        let object = try JSONSerialization.jsonObject(with: Data(filtered.utf8)) as? [String: Any]
        let rows = object?["rows"] as? [[String: Any]] ?? []
        #expect(rows.map { $0["row"] as? Int } == [1])
        let counts = (object?["run"] as? [String: Any])?["counts"] as? [String: Int]
        #expect(counts?["failed"] == 1 && counts?["created"] == 1, "counts cover the whole run: \(String(describing: counts))")
    }

    @Test func originalIsCSVOnly() throws {
        #expect(throws: GuestListError.self) { try ReportExporter(format: .json, original: true).render(ReportFixtures.small) }
        let csv = try ReportExporter(format: .csv, statuses: [.invalid], original: true).render(ReportFixtures.small)
        #expect(csv.hasPrefix("Full Name,E-mail,Phone,status,error\r\n"))
    }

    @Test func writesBytesToADescriptor() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("guestlist-\(UUID().uuidString).csv")
        #expect(FileManager.default.createFile(atPath: url.path, contents: nil))
        defer { try? FileManager.default.removeItem(at: url) }
        let handle = try FileHandle(forWritingTo: url)
        try ReportExporter(format: .csv, byteOrderMark: true).write(ReportFixtures.small, to: BufferedOutput(descriptor: handle.fileDescriptor))
        try handle.close()
        let data = try Data(contentsOf: url)
        #expect(data.starts(with: [0xEF, 0xBB, 0xBF]))
        #expect(String(decoding: data, as: UTF8.self).contains("山田 太郎"))
    }
}
