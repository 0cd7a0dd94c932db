import Foundation

extension SandboxState {
    /// Stores a booking directly, bypassing faults, validation and conflicts, so that a test
    /// can set up "already booked" or "slot taken" before the client runs. Its status follows
    /// the event type (`request` when it needs approval, else `open`).
    @discardableResult
    public func preload(
        eventTypeId: String, email: String, name: String, startedAt: Date, timeZone: String = "Asia/Tokyo",
        ccEmails: [String] = []
    ) -> SandboxBooking {
        let eventType = eventTypesByUid[eventTypeId]
        let minutes = eventType?.durationMinutes ?? 60
        let booking = SandboxBooking(
            uid: "", status: eventType?.initialStatus ?? .open, startedAt: startedAt,
            endedAt: startedAt.addingTimeInterval(TimeInterval(minutes * 60)), timeZone: timeZone,
            eventTypeId: eventTypeId, email: email, name: name, ccEmails: ccEmails, createdAt: Date())
        return store(booking)
    }

    /// Cancels a booking as a host would: it stays listed, with status `cancel`, `cancelledAt`,
    /// `cancelReason` and `cancelledBy`, but no longer holds its slot or its guest, so the same
    /// key can be booked again. Cancelling a cancelled booking changes nothing.
    /// - Returns: the booking as it now is, or `nil` when no booking has this uid.
    @discardableResult
    public func cancelBooking(uid: String, reason: String? = nil, cancelledBy: String = "host") -> SandboxBooking? {
        guard var booking = bookingsByUid[uid] else { return nil }
        guard booking.isLive else { return booking }
        let now = Date()
        booking.status = .cancel
        booking.cancelledAt = now
        booking.cancelReason = reason
        booking.cancelledBy = cancelledBy
        booking.updatedAt = now
        bookingsByUid[uid] = booking
        release(booking)
        counts.cancelled += 1
        return booking
    }

    /// Forgets a booking altogether (freeing its slot if it held one); false when no booking has this uid.
    @discardableResult
    public func removeBooking(uid: String) -> Bool {
        guard let booking = bookingsByUid.removeValue(forKey: uid) else { return false }
        sequence[uid] = nil
        if booking.isLive { release(booking) }
        return true
    }

    /// Every booking, cancelled ones included, sorted by start, then creation.
    public func bookings() -> [SandboxBooking] {
        sorted(Array(bookingsByUid.values))
    }

    /// The booking with this uid, if it exists (cancelled or not).
    public func booking(uid: String) -> SandboxBooking? { bookingsByUid[uid] }

    /// What `GET /v1/bookings` lists for the window [from, to] (either bound optional) under the
    /// current ``SandboxFaults/listingWindow``, with this status if given, sorted like
    /// ``bookings()``. Filters before sorting: clients list small windows many times.
    func listing(from: Date?, to: Date?, status: SandboxBooking.Status?) -> [SandboxBooking] {
        let window = faults().listingWindow
        return sorted(
            bookingsByUid.values.filter { booking in
                window.admits(start: booking.startedAt, end: booking.endedAt, from: from, to: to)
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

    /// Stores a validated booking unless its guest already holds a live booking of that slot, or
    /// the slot's live bookings fill the event type's capacity; counts which, for the stats.
    func create(_ draft: SandboxBooking) -> Result<SandboxBooking, Conflict> {
        if keyCounts[Self.key(of: draft), default: 0] > 0 {
            counts.conflictsAlreadyBooked += 1
            return .failure(.alreadyBooked)
        }
        let eventType = eventTypesByUid[draft.eventTypeId]
        if slotCounts[Self.slot(of: draft), default: 0] >= eventType?.capacity ?? .max {
            counts.conflictsSlotFull += 1
            return .failure(.slotFull)
        }
        var booking = draft
        booking.status = eventType?.initialStatus ?? .open
        counts.created += 1
        return .success(store(booking))
    }

    private func store(_ draft: SandboxBooking) -> SandboxBooking {
        var booking = draft
        repeat { booking.uid = random.uid() } while bookingsByUid[booking.uid] != nil
        booking.createdAt = Date()
        booking.updatedAt = booking.createdAt
        bookingsByUid[booking.uid] = booking
        sequence[booking.uid] = nextSequence
        nextSequence += 1
        if booking.isLive {
            keyCounts[Self.key(of: booking), default: 0] += 1
            slotCounts[Self.slot(of: booking), default: 0] += 1
        }
        return booking
    }

    /// Gives back the key and the seat a live booking held.
    private func release(_ booking: SandboxBooking) {
        Self.decrement(&keyCounts, Self.key(of: booking))
        Self.decrement(&slotCounts, Self.slot(of: booking))
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
}
