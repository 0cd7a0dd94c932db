/// A sandbox that is serving: where to reach it, with which key, and its state for
/// in-process inspection and fault changes.
public struct RunningSandbox: Sendable {
    /// The port actually bound (useful when the configuration asked for 0).
    public let port: Int
    public let state: SandboxState
    public let apiKey: String

    /// `http://127.0.0.1:PORT`, to use as the client's base URL.
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Describes a sandbox; ``SandboxServer`` makes these once the port is bound.
    public init(port: Int, state: SandboxState, apiKey: String) {
        self.port = port
        self.state = state
        self.apiKey = apiKey
    }
}
