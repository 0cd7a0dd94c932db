// swift-tools-version: 6.1
import PackageDescription

func benchmark(_ name: String) -> Target {
    .executableTarget(
        name: name,
        dependencies: [
            .product(name: "Benchmark", package: "benchmark"),
            .product(name: "GuestList", package: "guestlist"),
            .product(name: "Sandbox", package: "guestlist"),
        ],
        path: name,
        plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")])
}

let package = Package(
    name: "GuestListBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
        .package(name: "guestlist", path: ".."),
    ],
    targets: [
        benchmark("ExtractBenchmarks"),
        benchmark("NormalizeBenchmarks"),
        benchmark("LoadBenchmarks"),
    ]
)
