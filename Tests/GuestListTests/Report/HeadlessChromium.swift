import Foundation

/// Runs Debian's `chromium` headless on a local page, for the tests that check what a browser shows.
struct HeadlessChromium {
    /// Why the browser could not be used.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    let executable: URL

    /// The first of `GUESTLIST_CHROMIUM`, `chromium`, `chromium-browser`, `google-chrome` found on PATH.
    static func find() -> HeadlessChromium? {
        let environment = ProcessInfo.processInfo.environment
        if let explicit = environment["GUESTLIST_CHROMIUM"], FileManager.default.isExecutableFile(atPath: explicit) {
            return HeadlessChromium(executable: URL(fileURLWithPath: explicit))
        }
        let directories = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
        for name in ["chromium", "chromium-browser", "google-chrome"] {
            for directory in directories where FileManager.default.isExecutableFile(atPath: "\(directory)/\(name)") {
                return HeadlessChromium(executable: URL(fileURLWithPath: "\(directory)/\(name)"))
            }
        }
        return nil
    }

    /// The DOM of `url` serialized after its scripts ran.
    func dumpDOM(_ url: String, timeout: TimeInterval = 90) throws -> String {
        try run(["--dump-dom", url], timeout: timeout)
    }

    /// Writes a PNG screenshot of `url` at the given window size.
    func screenshot(_ url: String, to file: URL, width: Int = 1200, height: Int = 2000) throws {
        _ = try run(["--hide-scrollbars", "--window-size=\(width),\(height)", "--screenshot=\(file.path)", url], timeout: 90)
    }

    private func run(_ arguments: [String], timeout: TimeInterval) throws -> String {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("chromium-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let out = scratch.appendingPathComponent("stdout"), err = scratch.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let process = Process()
        process.executableURL = executable
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
            "--user-data-dir=\(scratch.appendingPathComponent("profile").path)",
        ] + arguments
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            throw Failure(description: "chromium did not finish within \(Int(timeout)) s")
        }
        let stderr = (try? String(contentsOf: err, encoding: .utf8)) ?? ""
        guard process.terminationStatus == 0 else {
            throw Failure(description: "chromium exited \(process.terminationStatus): \(stderr.suffix(2000))")
        }
        return try String(contentsOf: out, encoding: .utf8)
    }
}
