import ArgumentParser
import Foundation
import GuestList

/// `--ledger PATH | --pipeline PIPELINE`: which ledger a command reads.
struct LedgerLocation: ParsableArguments {
    @Option(name: .long, help: "The ledger file (SQLite).")
    var ledger: String?

    @Option(name: .long, help: "The pipeline whose ledger to use (its `ledger:` key, or <stem>.ledger.sqlite beside it).")
    var pipeline: String?

    func resolve() throws -> URL {
        if let ledger, pipeline != nil {
            throw ValidationError("Give --ledger or --pipeline, not both (got --ledger \(ledger)).")
        }
        if let ledger { return URL(fileURLWithPath: ledger).standardizedFileURL }
        if let pipeline { return try PipelineFile.load(from: URL(fileURLWithPath: pipeline)).ledgerURL }
        throw ValidationError("Say which ledger: --ledger PATH or --pipeline PIPELINE.")
    }
}

/// Connection settings shared by `run` and `retry`.
struct APIOptions: ParsableArguments {
    @Option(name: .long, help: "The API's base URL (default: $JICOO_BASE_URL, else https://api.jicoo.com).")
    var baseURL: String?

    var resolvedBaseURL: String {
        baseURL ?? ProcessInfo.processInfo.environment["JICOO_BASE_URL"].flatMap { $0.isEmpty ? nil : $0 } ?? "https://api.jicoo.com"
    }

    /// The key comes from the environment only: never a flag, so it stays out of shell history and `ps`.
    func apiKey() throws -> String {
        guard let key = ProcessInfo.processInfo.environment["JICOO_API_KEY"], !key.isEmpty else {
            throw GuestListError(
                .missingAPIKey, "JICOO_API_KEY is not set, so guestlist cannot call the Jicoo API; nothing was sent.",
                hint: "export JICOO_API_KEY=<your key>  (try `guestlist validate` or `run --dry-run` without one)")
        }
        return key
    }

    func validate() throws {
        if let baseURL, URL(string: baseURL)?.scheme.map({ ["http", "https"].contains($0) }) != true {
            throw ValidationError("--base-url must be an http(s) URL, got `\(baseURL)`.")
        }
    }
}

extension APIOptions {
    /// Opens a client for `limits` with the key and base URL from the environment, and runs `body` with it
    /// (see `withScopedClient`).
    func withClient<T>(
        limits: LoadLimits, label: String, progress: ProgressPrinter,
        _ body: (JicooClient, Logger) async throws -> T
    ) async throws -> T {
        let logger = Logger.cli(label)
        let client = JicooClient(
            baseURL: resolvedBaseURL, apiKey: try apiKey(), connectTimeout: limits.connectTimeout,
            requestTimeout: limits.requestTimeout, concurrency: limits.concurrency, logger: logger)
        return try await withScopedClient(client, progress: progress) { try await body($0, logger) }
    }
}

/// Runs `body` with `client`, then closes the progress display and shuts the client down on every path
/// (AsyncHTTPClient must be shut down before it is released).
func withScopedClient<T>(_ client: JicooClient, progress: ProgressPrinter, _ body: (JicooClient) async throws -> T) async throws -> T {
    do {
        let result = try await body(client)
        progress.finish()
        await shutDown(client)
        return result
    } catch {
        progress.finish()
        await shutDown(client)
        throw error
    }
}

/// Shuts the client down, waiting at most `seconds`: a connection attempt to an API that does not answer
/// holds the shutdown until its connect timeout, and a run that was stopped must exit within seconds
/// (SPEC §5). Everything worth keeping is in the ledger by then; the process ends right after.
private func shutDown(_ client: JicooClient, within seconds: Double = 2) async {
    let done = AsyncStream<Void>.makeStream()
    Task {
        await client.shutdown()
        done.continuation.finish()
    }
    Task {
        try? await Task.sleep(nanoseconds: UInt64(seconds * 1e9))
        done.continuation.finish()
    }
    for await _ in done.stream {}
}

extension Logger {
    /// The CLI's logger: warnings and errors only, to stderr, unless GUESTLIST_LOG_LEVEL says otherwise.
    static func cli(_ label: String) -> Logger {
        var logger = Logger(label: label)
        logger.logLevel = ProcessInfo.processInfo.environment["GUESTLIST_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .error
        return logger
    }
}

import Logging
