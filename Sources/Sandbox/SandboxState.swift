import Foundation

/// Everything the sandbox remembers: event types, bookings, fault knobs, the request log and counts.
///
/// An actor because the HTTP handlers, the admin endpoints and in-process tests all read and
/// change it concurrently. Its public methods are the in-process twin of `/_sandbox/…`.
/// Bookings live in `SandboxState+Bookings.swift`, event types in `SandboxState+EventTypes.swift`.
public actor SandboxState {
    /// The sandbox's definition of "the same booking": SPEC §4's booking key.
    struct BookingKey: Hashable {
        var eventTypeId: String
        var email: String
        var startedAt: Date
    }

    /// A slot is what capacity counts: one event type at one instant.
    struct SlotKey: Hashable {
        var eventTypeId: String
        var startedAt: Date
    }

    /// Why a create was refused with 409. Only the stats tell the two apart: the API's answer
    /// is the same for both (SPEC §1), so a client must look the slot up to know which it was.
    enum Conflict: Error {
        case alreadyBooked
        case slotFull

        /// The one message of every 409: no reason, no uid.
        static let message = "The booking conflicts with an existing booking"
    }

    let initialFaults: SandboxFaults
    let initialEventTypes: [SandboxEventType]
    /// The event types by uid; capacity and approval can change at run time.
    var eventTypesByUid: [String: SandboxEventType]
    private var currentFaults: SandboxFaults
    var random: SandboxRandom
    private var bucket: TokenBucket?
    var bookingsByUid: [String: SandboxBooking] = [:]
    /// Creation order, to break ties between bookings with the same start and creation time.
    var sequence: [String: Int] = [:]
    var nextSequence = 0
    /// Live (not cancelled) bookings per key and per slot.
    var keyCounts: [BookingKey: Int] = [:]
    var slotCounts: [SlotKey: Int] = [:]
    /// The request log keeps the newest `requestLogLimit` entries; it is trimmed in batches,
    /// when it reaches twice that, so that logging stays O(1) amortized.
    private let requestLogLimit: Int
    private var requests: [ReceivedRequest] = []
    var counts = SandboxStats()

    /// A fresh state with the configuration's event types and starting faults.
    public init(configuration: SandboxConfiguration) {
        self.initialFaults = configuration.faults
        self.initialEventTypes = configuration.eventTypes
        self.eventTypesByUid = Self.index(configuration.eventTypes)
        self.currentFaults = configuration.faults
        self.random = SandboxRandom(seed: configuration.faults.seed)
        self.bucket = Self.makeBucket(configuration.faults)
        self.requestLogLimit = max(1, configuration.requestLogLimit)
    }

    static func index(_ eventTypes: [SandboxEventType]) -> [String: SandboxEventType] {
        Dictionary(eventTypes.map { ($0.uid, $0) }, uniquingKeysWith: { $1 })
    }

    private static func makeBucket(_ faults: SandboxFaults) -> TokenBucket? {
        faults.rateLimit.map { TokenBucket(rate: $0, burst: faults.rateLimitBurst, now: .now) }
    }

    // MARK: - Faults

    /// Replaces every knob; a seed restarts the random sequence, and the rate limit's bucket starts full.
    public func setFaults(_ faults: SandboxFaults) {
        currentFaults = faults
        if let seed = faults.seed { random = SandboxRandom(seed: seed) }
        bucket = Self.makeBucket(faults)
    }

    /// The knobs in force.
    public func faults() -> SandboxFaults { currentFaults }

    // MARK: - Log and counts

    /// The `/v1` requests received, oldest first: all of them, or the newest
    /// ``SandboxConfiguration/requestLogLimit`` when more came.
    public func received() -> [ReceivedRequest] {
        requests.count > requestLogLimit ? Array(requests.suffix(requestLogLimit)) : requests
    }

    /// What the sandbox has counted since it started or was reset.
    public func stats() -> SandboxStats { counts }

    /// Forgets every booking, request and count, and restores the event types and faults the
    /// sandbox started with.
    public func reset() {
        bookingsByUid = [:]
        sequence = [:]
        keyCounts = [:]
        slotCounts = [:]
        requests = []
        counts = SandboxStats()
        eventTypesByUid = Self.index(initialEventTypes)
        setFaults(initialFaults)
    }

    /// Logs a `/v1` request with the status it got (`nil`: dropped) and counts it.
    func record(_ request: ReceivedRequest) {
        requests.append(request)
        if requests.count >= 2 * requestLogLimit { requests.removeFirst(requests.count - requestLogLimit) }
        counts.count(request)
    }

    // MARK: - Rate limit

    /// Takes a token from the rate limit's bucket; when there is none, returns the seconds to
    /// wait and how `Retry-After` should say it.
    func admit() -> (wait: Double, asHTTPDate: Bool)? {
        guard let wait = bucket?.take(now: .now) else { return nil }
        return (wait, currentFaults.retryAfterAsHTTPDate)
    }
}
