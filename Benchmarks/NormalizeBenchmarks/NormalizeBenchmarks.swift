import Benchmark
import Foundation
import GuestList

/// Issue 4's benchmark: normalize + validate over 1,000,000 export-shaped rows (release build),
/// reporting rows per second and allocations per row. Target: ≥ 1,000,000 rows/s on one core.
///
/// With `scalingFactor: .mega` the starred (scaled) metrics are per row: `Time (total CPU) *` is
/// nanoseconds per row (rows/s = 10⁹ / that) and `Malloc (total) *` is allocations per row.
/// A row is a record's values read through a `FieldMap` built once, as the pipeline reads it.
/// Figures, before and after each change, are in RESULTS.md.
let benchmarks: @Sendable () -> Void = {
    let records = ExportRows.records(count: 100_000)
    let map = ExportRows.map
    let normalizer = RowNormalizer(options: NormalizeOptions(now: Date(timeIntervalSince1970: 1_795_824_000)))
    let validator = BookingValidator()
    // Build the zone tables once.
    for values in records.prefix(1_000) { blackHole(validator.validate(normalizer.normalize(values, map: map))) }
    let requests = records.prefix(10_000).compactMap { validator.validate(normalizer.normalize($0, map: map)).request }

    Benchmark("normalize+validate 1M export rows",
              configuration: .init(metrics: [.throughput, .wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident],
                                   scalingFactor: .mega, maxDuration: .seconds(60), maxIterations: 3)) { benchmark in
        for i in benchmark.scaledIterations {
            blackHole(validator.validate(normalizer.normalize(records[i % records.count], map: map)))
        }
    }

    // The same rows with `PST` and `CET` written as IANA ids: the work of the rows before season
    // warnings existed (a twelfth of the rows above say PST or CET on a summer date and now warn).
    let plainZones = ExportRows.records(count: 100_000, spellings: ["PST": "America/Los_Angeles", "CET": "Europe/Paris"])
    Benchmark("normalize+validate 1M export rows, no abbreviation warnings",
              configuration: .init(metrics: [.throughput, .cpuTotal, .mallocCountTotal],
                                   scalingFactor: .mega, maxDuration: .seconds(60), maxIterations: 3)) { benchmark in
        for i in benchmark.scaledIterations {
            blackHole(validator.validate(normalizer.normalize(plainZones[i % plainZones.count], map: map)))
        }
    }

    Benchmark("normalize+validate+payload 1M export rows",
              configuration: .init(metrics: [.throughput, .wallClock, .cpuTotal, .mallocCountTotal],
                                   scalingFactor: .mega, maxDuration: .seconds(60), maxIterations: 3)) { benchmark in
        for i in benchmark.scaledIterations {
            blackHole(validator.validate(normalizer.normalize(records[i % records.count], map: map)).request?.json())
        }
    }

    Benchmark("payload, written directly",
              configuration: .init(metrics: [.throughput, .cpuTotal, .mallocCountTotal], scalingFactor: .mega, maxDuration: .seconds(20))) { benchmark in
        for i in benchmark.scaledIterations {
            blackHole(requests[i % requests.count].json())
        }
    }

    // What every pending row's payload cost before it was written directly.
    Benchmark("payload, JSONEncoder with sorted keys",
              configuration: .init(metrics: [.throughput, .cpuTotal, .mallocCountTotal], scalingFactor: .mega,
                                   maxDuration: .seconds(30), maxIterations: 3)) { benchmark in
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        for i in benchmark.scaledIterations {
            blackHole(try? encoder.encode(requests[i % requests.count]))
        }
    }

    Benchmark("time zone resolution, cached",
              configuration: .init(metrics: [.throughput, .mallocCountTotal], scalingFactor: .mega, maxDuration: .seconds(20))) { benchmark in
        let resolver = TimeZoneResolver()
        for i in benchmark.scaledIterations {
            blackHole(resolver.rules(for: ExportRows.zones[i % ExportRows.zones.count]))
        }
    }

    Benchmark("ASCII email fast path",
              configuration: .init(metrics: [.throughput, .mallocCountTotal], scalingFactor: .mega, maxDuration: .seconds(20))) { benchmark in
        let emails = EmailNormalizer()
        let inputs = (0..<1_000).map { "guest.\($0)@example\($0 % 50).com" }
        for i in benchmark.scaledIterations {
            blackHole(emails.normalize(inputs[i % inputs.count]))
        }
    }
}
