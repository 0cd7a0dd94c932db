extension SandboxState {
    /// The event type with this uid, if the sandbox knows it.
    public func eventType(uid: String) -> SandboxEventType? { eventTypesByUid[uid] }

    /// Every event type, in the order the configuration gave them.
    public func eventTypes() -> [SandboxEventType] {
        initialEventTypes.compactMap { eventTypesByUid[$0.uid] }
    }

    /// Changes an event type's capacity and/or approval at run time; `nil` leaves that property.
    /// Bookings already made stay, even above a lowered capacity; only new ones are refused.
    /// - Returns: the event type as it now is, or `nil` when the sandbox has no such event type.
    @discardableResult
    public func updateEventType(uid: String, capacity: Int? = nil, requiresApproval: Bool? = nil) -> SandboxEventType? {
        guard var eventType = eventTypesByUid[uid] else { return nil }
        if let capacity { eventType.capacity = max(0, capacity) }
        if let requiresApproval { eventType.requiresApproval = requiresApproval }
        eventTypesByUid[uid] = eventType
        return eventType
    }

    /// Sets how many live bookings one slot of this event type holds; false when there is no such event type.
    @discardableResult
    public func setCapacity(_ capacity: Int, forEventType uid: String) -> Bool {
        updateEventType(uid: uid, capacity: capacity) != nil
    }
}
