import Foundation
import Testing

/// Runs the real `guestlist` binary, as a user would, and captures what it printed and its exit code.
struct CLI {
    struct Result: Sendable {
        var status: Int32
        var stdout: String
        var stderr: String
        var output: String { stdout + stderr }
    }

    /// The binary built next to this test bundle (or GUESTLIST_BIN).
    static let binary: URL = {
        if let path = ProcessInfo.processInfo.environment["GUESTLIST_BIN"] { return URL(fileURLWithPath: path) }
        var candidates: [URL] = []
        let argv0 = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var dir = argv0.deletingLastPathComponent()
        for _ in 0..<4 {
            candidates.append(dir.appendingPathComponent("guestlist"))
            dir = dir.deletingLastPathComponent()
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(root.appendingPathComponent(".build/debug/guestlist"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates.last!
    }()

    /// Starts the binary; the caller may signal it, then `wait()`s for the result.
    final class Running: @unchecked Sendable {
        let process = Process()
        private let outPipe = Pipe()
        private let errPipe = Pipe()
        private var outData = Data()
        private var errData = Data()
        private let lock = NSLock()
        private let group = DispatchGroup()

        init(_ arguments: [String], environment: [String: String], directory: URL?, executable: URL = CLI.binary) throws {
            process.executableURL = executable
            process.arguments = arguments
            var env = ProcessInfo.processInfo.environment
            env["JICOO_API_KEY"] = nil
            env["JICOO_BASE_URL"] = nil
            for (k, v) in environment { env[k] = v }
            process.environment = env
            if let directory { process.currentDirectoryURL = directory }
            process.standardOutput = outPipe
            process.standardError = errPipe
            process.standardInput = FileHandle.nullDevice
            for (pipe, isOut) in [(outPipe, true), (errPipe, false)] {
                group.enter()
                pipe.fileHandleForReading.readabilityHandler = { [weak self] handle in
                    let chunk = handle.availableData
                    guard let self else { return }
                    if chunk.isEmpty {
                        handle.readabilityHandler = nil
                        self.group.leave()
                        return
                    }
                    self.lock.lock()
                    if isOut { self.outData.append(chunk) } else { self.errData.append(chunk) }
                    self.lock.unlock()
                }
            }
            try process.run()
        }

        var pid: Int32 { process.processIdentifier }

        func signal(_ sig: Int32) { kill(process.processIdentifier, sig) }

        /// Waits for the process to end, without blocking a cooperative thread.
        func wait(timeout: Double = 300) async -> Result {
            let deadline = Date().addingTimeInterval(timeout)
            while process.isRunning {
                if Date() > deadline {
                    kill(process.processIdentifier, SIGKILL)
                    Issue.record("guestlist \(process.arguments ?? []) did not finish within \(timeout) s")
                }
                try? await Task.sleep(nanoseconds: 20_000_000)
            }
            _ = group.wait(timeout: .now() + 5)
            return collected()
        }

        private func collected() -> Result {
            lock.withLock {
                Result(
                    status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                    stderr: String(decoding: errData, as: UTF8.self))
            }
        }
    }

    static func start(_ arguments: [String], environment: [String: String] = [:], directory: URL? = nil) throws -> Running {
        try Running(arguments, environment: environment, directory: directory)
    }

    static func run(
        _ arguments: [String], environment: [String: String] = [:], directory: URL? = nil, executable: URL = CLI.binary
    ) async throws -> Result {
        let running = try Running(arguments, environment: environment, directory: directory, executable: executable)
        return await running.wait()
    }
}
