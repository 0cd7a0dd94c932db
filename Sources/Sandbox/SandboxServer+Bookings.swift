import Foundation
import Hummingbird

/// The `/v1` routes: Jicoo's booking API as guestlist uses it (SPEC §1).
extension SandboxServer {
    static func addBookingRoutes(to api: RouterGroup<SandboxRequestContext>, state: SandboxState) {
        api.post("bookings") { request, context in
            try await createBooking(request, context: context, state: state)
        }
        api.get("bookings") { request, _ in
            await listBookings(request, state: state)
        }
        api.get("bookings/:uid") { _, context in
            guard let booking = await state.booking(uid: context.parameters.get("uid") ?? "") else {
                return SandboxResponse.error("Booking not found", status: .notFound)
            }
            return SandboxResponse.data(SandboxBookingObject(booking: booking, eventType: await state.eventType(uid: booking.eventTypeId)))
        }
        api.get("bookings/:uid/contacts") { _, context in
            guard let booking = await state.booking(uid: context.parameters.get("uid") ?? "") else {
                return SandboxResponse.error("Booking not found", status: .notFound)
            }
            // The guest first, then each cc guest, whose name the API does not know.
            let contacts = [Contact(email: booking.email, name: booking.name)]
                + booking.ccEmails.map { Contact(email: $0, name: "") }
            return SandboxResponse.data(contacts)
        }
        api.get("event_types/:uid") { _, context in
            guard let eventType = await state.eventType(uid: context.parameters.get("uid") ?? "") else {
                return SandboxResponse.error("Event type not found", status: .notFound)
            }
            return SandboxResponse.data(EventTypeBody(eventType))
        }
    }

    /// `POST /v1/bookings`: faults first (latency, 503, 429), then validation (400/422),
    /// conflicts (409, the same answer whatever the cause), and creation (201, or a dropped connection).
    static func createBooking(_ request: Request, context: SandboxRequestContext, state: SandboxState) async throws
        -> Response
    {
        var request = request
        let plan = await state.planPost()
        if plan.delayMilliseconds > 0 { try await Task.sleep(for: .milliseconds(plan.delayMilliseconds)) }
        if plan.respond503 { return SandboxResponse.error("Service temporarily unavailable", status: .serviceUnavailable) }
        if plan.respond429 {
            return SandboxResponse.tooManyRequests(
                retryAfter: plan.retryAfterOn429 ? 1 : nil, asHTTPDate: plan.retryAfterAsHTTPDate)
        }
        let buffer = try await request.collectBody(upTo: context.maxUploadSize)
        guard let json = SandboxJSONValue.parse(Data(buffer.readableBytesView)) else {
            return SandboxResponse.errors(["body": ["is not valid JSON"]], status: .badRequest)
        }
        guard case .object(let object) = json else {
            return SandboxResponse.errors(["body": ["must be a JSON object"]], status: .badRequest)
        }
        let eventTypes = await state.eventTypesByUid
        switch BookingValidation.validate(object, eventTypes: eventTypes) {
        case .failure(let errors):
            return SandboxResponse.errors(errors.fields, status: .unprocessableContent)
        case .success(let draft):
            switch await state.create(draft) {
            case .failure:
                // Deliberately the same body for both causes, like Jicoo's: no reason, no uid.
                return SandboxResponse.error(SandboxState.Conflict.message, status: .conflict)
            case .success(let booking):
                if plan.drop { throw DroppedConnection() }
                let eventType = eventTypes[booking.eventTypeId]
                return SandboxResponse.data(SandboxBookingObject(booking: booking, eventType: eventType), status: .created)
            }
        }
    }

    /// One guest of a booking, as `/contacts` lists it.
    struct Contact: Encodable {
        var email: String
        var name: String
    }

    /// `GET /v1/event_types/{uid}`'s data.
    struct EventTypeBody: Encodable {
        struct Question: Encodable { var uid: String }
        var uid: String
        var name: String
        var duration: Int
        var capacity: Int
        var questions: [Question]

        init(_ eventType: SandboxEventType) {
            uid = eventType.uid
            name = eventType.name
            duration = eventType.durationMinutes
            capacity = eventType.capacity
            questions = eventType.questionUids.map(Question.init)
        }
    }
}
