import Benchmark
import Foundation
import GuestList

/// Issue 3's benchmark: extract alone, release build, on generated files kept in
/// `$TMPDIR/guestlist-extract-bench` (so `baseline.sh` can time csvtool and Python on the same bytes).
///
/// One iteration reads one whole file; MB/s is the file size over the wall clock, records/s the
/// record count over it. Targets: CSV faster than csvtool and ≥ 3× Python's csv (≈ 250 MB/s);
/// XML ≥ 40 MB/s; peak memory under 50 MB for any size.
let benchmarks: @Sendable () -> Void = {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("guestlist-extract-bench")
    try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    func input(_ name: String, _ make: (URL) throws -> Void) -> URL {
        let url = folder.appendingPathComponent(name)
        if !FileManager.default.fileExists(atPath: url.path) { try? make(url) }
        return url
    }
    let csv1M = input("csv-1m-rows.csv") { try InputGenerator.writeCSV(to: $0, rows: 1_000_000) }
    let csv100k = input("csv-100k-rows.csv") { try InputGenerator.writeCSV(to: $0, rows: 100_000) }
    let xml200k = input("xml-200k-records.xml") { try InputGenerator.writeXML(to: $0, records: 200_000) }

    let metrics: [BenchmarkMetric] = [.wallClock, .cpuTotal, .peakMemoryResident, .mallocCountTotal]
    let configuration = Benchmark.Configuration(metrics: metrics, maxDuration: .seconds(30), maxIterations: 5)

    for (label, url) in [("1M rows, ~110 MB", csv1M), ("100k rows, ~11 MB", csv100k)] {
        Benchmark("CSV \(label): advance(), no strings", configuration: configuration) { _ in
            var reader = try CSVReader(url: url)
            var fields = 0
            while try reader.advance() { fields &+= reader.fieldCount }
            blackHole(fields)
        }
    }

    Benchmark("CSV 1M rows, ~110 MB: 4 mapped columns as strings", configuration: configuration) { _ in
        var reader = try CSVReader(url: csv1M)
        let wanted = try ["Full Name", "E-mail", "Start", "Time zone"].map { try reader.columnIndex(of: $0) }
        while try reader.advance() {
            for index in wanted { blackHole(reader.value(at: index)) }
        }
    }

    Benchmark("CSV 1M rows, ~110 MB: next(), every field a string", configuration: configuration) { _ in
        var reader = try CSVReader(url: csv1M)
        while let record = try reader.next() { blackHole(record) }
    }

    Benchmark("XML 200k records, ~63 MB: next()", configuration: configuration) { _ in
        var reader = try XMLRecordReader(
            url: xml200k, recordElement: "guest",
            fields: ["name", "email", "start", "timeZone", "company", "notes", "id", "locale"])
        while let record = try reader.next() { blackHole(record) }
    }
}
