import Foundation

@testable import GuestList

/// Where the Extract fixtures live (the test target has no resources) and small helpers to read them.
enum ExtractFixtures {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../Fixtures/Extract").standardized

    static func url(_ name: String) -> URL { folder.appendingPathComponent(name) }

    /// Every record of a source, and the error that ended it early, if any.
    static func readAll(_ source: inout some RecordSource) -> (records: [SourceRecord], error: GuestListError?) {
        var records: [SourceRecord] = []
        do {
            while let record = try source.next() { records.append(record) }
            return (records, nil)
        } catch {
            return (records, error)
        }
    }

    static func csv(_ name: String, _ options: CSVOptions = .init(), chunkSize: Int = 1 << 20) throws -> (CSVReader, [SourceRecord]) {
        var reader = try CSVReader(url: url(name), options: options, chunkSize: chunkSize)
        let (records, error) = readAll(&reader)
        if let error { throw error }
        return (reader, records)
    }

    /// A fresh temporary file holding `bytes`.
    static func temporaryFile(_ bytes: [UInt8], suffix: String = ".csv") -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("guestlist-extract-\(UUID().uuidString)\(suffix)")
        _ = FileManager.default.createFile(atPath: url.path, contents: Data(bytes))
        return url
    }
}
