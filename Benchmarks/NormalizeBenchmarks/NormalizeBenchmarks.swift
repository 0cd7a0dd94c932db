import Benchmark
import Foundation
import GuestList

/// Issue 4's benchmark: normalize + validate over 1,000,000 export-shaped rows (release build),
/// reporting rows per second and allocations per row. Target: ≥ 1,000,000 rows/s on one core.
///
/// With `scalingFactor: .mega` the starred (scaled) metrics are per row: `Time (total CPU) *` is
/// nanoseconds per row (rows/s = 10⁹ / that) and `Malloc (total) *` is allocations per row.
/// Measured on the quiet 2-core VM (see RESULTS.md): 930–940 ns/row CPU at p50, 900–940 at p0
/// (≈ 1.06–1.08 M rows/s), 2 mallocs per row (the request's box and its 24-byte `startedAt`).
/// First version: 2,390 ns/row (≈ 418,000 rows/s), 14,500 instructions per row.
let benchmarks: @Sendable () -> Void = {
    let rows = ExportRows.make(count: 100_000)
    let normalizer = RowNormalizer(options: NormalizeOptions(now: Date(timeIntervalSince1970: 1_795_824_000)))
    for row in rows.prefix(1_000) { blackHole(normalizer.normalize(row)) }   // build the zone tables once

    Benchmark("normalize+validate 1M export rows",
              configuration: .init(metrics: [.throughput, .wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident],
                                   scalingFactor: .mega, maxDuration: .seconds(60), maxIterations: 3)) { benchmark in
        for i in benchmark.scaledIterations {
            blackHole(normalizer.normalize(rows[i % rows.count]))
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
