import Foundation

/// Everything the sandbox remembers: bookings, fault knobs, the request log and counts.
///
/// An actor because the HTTP handlers, the admin endpoints and in-process tests all read and
/// change it concurrently. Its public methods are the in-process twin of `/_sandbox/…`.
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

    /// Why a create was refused with 409.
    enum Conflict: Error {
        case alreadyBooked
        case slotFull(capacity: Int)

        var message: String {
            switch self {
            case .alreadyBooked: "This guest is already booked for this event at this time"
            case .slotFull(let capacity): "This slot is fully booked (capacity \(capacity))"
            }
        }
    }

    let initialFaults: SandboxFaults
    nonisolated let eventTypes: [String: SandboxEventType]
    private var currentFaults: SandboxFaults
    var random: SandboxRandom
    private var bucket: TokenBucket?
    private var bookingsByUid: [String: SandboxBooking] = [:]
    /// Creation order, to break ties between bookings with the same start and creation time.
    private var sequence: [String: Int] = [:]
    private var nextSequence = 0
    private var keyCounts: [BookingKey: Int] = [:]
    private var slotCounts: [SlotKey: Int] = [:]
    private var requests: [ReceivedRequest] = []
    private var counts = SandboxStats()

    /// A fresh state with the configuration's event types and starting faults.
    public init(configuration: SandboxConfiguration) {
        self.initialFaults = configuration.faults
        self.eventTypes = Dictionary(configuration.eventTypes.map { ($0.uid, $0) }, uniquingKeysWith: { $1 })
        self.currentFaults = configuration.faults
        self.random = SandboxRandom(seed: configuration.faults.seed)
        self.bucket = Self.makeBucket(configuration.faults)
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

    // MARK: - Bookings

    /// Stores a booking directly, bypassing faults, validation and conflicts, so that a test
    /// can set up "already booked" or "slot taken" before the client runs.
    @discardableResult
    public func preload(
        eventTypeId: String, email: String, name: String, startedAt: Date, timeZone: String = "Asia/Tokyo"
    ) -> SandboxBooking {
        let minutes = eventTypes[eventTypeId]?.durationMinutes ?? 60
        let booking = SandboxBooking(
            uid: "", startedAt: startedAt, endedAt: startedAt.addingTimeInterval(TimeInterval(minutes * 60)),
            timeZone: timeZone, eventTypeId: eventTypeId, email: email, name: name, createdAt: Date())
        return store(booking)
    }

    /// Frees a booking (and its slot); false when no booking has this uid.
    @discardableResult
    public func removeBooking(uid: String) -> Bool {
        guard let booking = bookingsByUid.removeValue(forKey: uid) else { return false }
        sequence[uid] = nil
        Self.decrement(&keyCounts, Self.key(of: booking))
        Self.decrement(&slotCounts, Self.slot(of: booking))
        return true
    }

    /// Every booking, sorted by start, then creation.
    public func bookings() -> [SandboxBooking] {
        sorted(Array(bookingsByUid.values))
    }

    /// The bookings starting in [from, to] (either bound optional) with this status, sorted
    /// like ``bookings()``. Filters before sorting: reconciliation lists one instant at a time.
    func bookings(startingFrom from: Date?, to: Date?, status: String?) -> [SandboxBooking] {
        sorted(
            bookingsByUid.values.filter { booking in
                (from.map { booking.startedAt >= $0 } ?? true) && (to.map { booking.startedAt <= $0 } ?? true)
                    && (status.map { booking.status == $0 } ?? true)
            })
    }

    private func sorted(_ bookings: [SandboxBooking]) -> [SandboxBooking] {
        bookings.sorted { a, b in
            if a.startedAt != b.startedAt { return a.startedAt < b.startedAt }
            if a.createdAt != b.createdAt { return a.createdAt < b.createdAt }
            return sequence[a.uid, default: 0] < sequence[b.uid, default: 0]
        }
    }

    /// The booking with this uid, if it exists.
    public func booking(uid: String) -> SandboxBooking? { bookingsByUid[uid] }

    /// The event type with this uid, if the sandbox knows it.
    public func eventType(uid: String) -> SandboxEventType? { eventTypes[uid] }

    /// Stores a validated booking unless its key is already booked or its slot is full.
    func create(_ draft: SandboxBooking) -> Result<SandboxBooking, Conflict> {
        if keyCounts[Self.key(of: draft), default: 0] > 0 { return .failure(.alreadyBooked) }
        let capacity = eventTypes[draft.eventTypeId]?.capacity ?? .max
        if slotCounts[Self.slot(of: draft), default: 0] >= capacity { return .failure(.slotFull(capacity: capacity)) }
        counts.created += 1
        return .success(store(draft))
    }

    private func store(_ draft: SandboxBooking) -> SandboxBooking {
        var booking = draft
        repeat { booking.uid = random.uid() } while bookingsByUid[booking.uid] != nil
        booking.createdAt = Date()
        bookingsByUid[booking.uid] = booking
        sequence[booking.uid] = nextSequence
        nextSequence += 1
        keyCounts[Self.key(of: booking), default: 0] += 1
        slotCounts[Self.slot(of: booking), default: 0] += 1
        return booking
    }

    private static func key(of booking: SandboxBooking) -> BookingKey {
        BookingKey(eventTypeId: booking.eventTypeId, email: booking.email.lowercased(), startedAt: booking.startedAt)
    }

    private static func slot(of booking: SandboxBooking) -> SlotKey {
        SlotKey(eventTypeId: booking.eventTypeId, startedAt: booking.startedAt)
    }

    private static func decrement<K: Hashable>(_ counts: inout [K: Int], _ key: K) {
        let remaining = counts[key, default: 0] - 1
        counts[key] = remaining > 0 ? remaining : nil
    }

    // MARK: - Log and counts

    /// Every `/v1` request received, oldest first.
    public func received() -> [ReceivedRequest] { requests }

    /// What the sandbox has counted since it started or was reset.
    public func stats() -> SandboxStats { counts }

    /// Forgets every booking, request and count, and restores the faults the sandbox started with.
    public func reset() {
        bookingsByUid = [:]
        sequence = [:]
        keyCounts = [:]
        slotCounts = [:]
        requests = []
        counts = SandboxStats()
        setFaults(initialFaults)
    }

    /// Logs a `/v1` request with the status it got (`nil`: dropped) and counts it.
    func record(_ request: ReceivedRequest) {
        requests.append(request)
        counts.requestsReceived += 1
        if request.method == "POST" && request.path == "/v1/bookings" { counts.countPost(status: request.status) }
    }

    // MARK: - Rate limit

    /// Takes a token from the rate limit's bucket; when there is none, returns the seconds to
    /// wait and how `Retry-After` should say it.
    func admit() -> (wait: Double, asHTTPDate: Bool)? {
        guard let wait = bucket?.take(now: .now) else { return nil }
        return (wait, currentFaults.retryAfterAsHTTPDate)
    }
}
