/// How to start a sandbox: the key it accepts, where it listens, what it knows, how it fails.
public struct SandboxConfiguration: Sendable {
    /// The only value of `X-Jicoo-Api-Key` that `/v1` accepts; anything else gets 401.
    public var apiKey: String
    /// The TCP port on 127.0.0.1; 0 lets the system pick a free one (see ``RunningSandbox/port``).
    public var port: Int
    /// The event types bookings may name, with their capacities.
    public var eventTypes: [SandboxEventType]
    /// The fault knobs (and the listing window) in force at start; change them later with
    /// ``SandboxState/setFaults(_:)`` or `PUT /_sandbox/faults`.
    public var faults: SandboxFaults
    /// How many of the newest `/v1` requests ``SandboxState/received()`` keeps, so that a
    /// sandbox serving for days does not grow without bound. Stats count every request anyway.
    public var requestLogLimit: Int

    /// A configuration; every parameter defaults to the usual test setup.
    public init(
        apiKey: String = "sandbox-key",
        port: Int = 0,
        eventTypes: [SandboxEventType] = SandboxEventType.defaults,
        faults: SandboxFaults = .init(),
        requestLogLimit: Int = 100_000
    ) {
        self.apiKey = apiKey
        self.port = port
        self.eventTypes = eventTypes
        self.faults = faults
        self.requestLogLimit = requestLogLimit
    }

    /// Sets one event type's capacity before start (for a `--capacity UID=N` flag).
    /// - Returns: false when no event type has this uid.
    @discardableResult
    public mutating func setCapacity(_ capacity: Int, forEventType uid: String) -> Bool {
        guard let index = eventTypes.firstIndex(where: { $0.uid == uid }) else { return false }
        eventTypes[index].capacity = max(0, capacity)
        return true
    }
}
