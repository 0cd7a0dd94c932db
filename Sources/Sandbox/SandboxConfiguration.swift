/// How to start a sandbox: the key it accepts, where it listens, what it knows, how it fails.
public struct SandboxConfiguration: Sendable {
    /// The only value of `X-Jicoo-Api-Key` that `/v1` accepts; anything else gets 401.
    public var apiKey: String
    /// The TCP port on 127.0.0.1; 0 lets the system pick a free one (see ``RunningSandbox/port``).
    public var port: Int
    /// The event types bookings may name.
    public var eventTypes: [SandboxEventType]
    /// The fault knobs in force at start; change them later with ``SandboxState/setFaults(_:)``.
    public var faults: SandboxFaults

    /// A configuration; every parameter defaults to the usual test setup.
    public init(
        apiKey: String = "sandbox-key",
        port: Int = 0,
        eventTypes: [SandboxEventType] = SandboxEventType.defaults,
        faults: SandboxFaults = .init()
    ) {
        self.apiKey = apiKey
        self.port = port
        self.eventTypes = eventTypes
        self.faults = faults
    }
}
