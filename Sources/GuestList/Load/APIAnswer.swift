/// What one HTTP exchange with the API produced, before any interpretation.
public struct APIAnswer: Sendable, Equatable {
    /// The HTTP status, or nil when no answer came.
    public var status: Int?
    public var body: [UInt8]
    /// The raw `Retry-After` header, if any.
    public var retryAfter: String?
    /// What went wrong on the wire, when no answer came (or, for a read, why its body could not be used).
    public var transportError: String?
    /// False only when the request certainly never left (nothing could connect). When no answer came and
    /// this is true, the API may have acted on it: the row becomes uncertain.
    public var mayHaveBeenSent: Bool
    public var latencySeconds: Double

    public init(
        status: Int?, body: [UInt8] = [], retryAfter: String? = nil, transportError: String? = nil, mayHaveBeenSent: Bool = true,
        latencySeconds: Double = 0
    ) {
        self.status = status
        self.body = body
        self.retryAfter = retryAfter
        self.transportError = transportError
        self.mayHaveBeenSent = mayHaveBeenSent
        self.latencySeconds = latencySeconds
    }
}
