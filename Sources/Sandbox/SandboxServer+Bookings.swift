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
            return SandboxResponse.data(booking)
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
    /// conflicts (409), and creation (201, or a dropped connection).
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
        switch BookingValidation.validate(object, eventTypes: state.eventTypes) {
        case .failure(let errors):
            return SandboxResponse.errors(errors.fields, status: .unprocessableContent)
        case .success(let draft):
            switch await state.create(draft) {
            case .failure(let conflict):
                return SandboxResponse.error(conflict.message, status: .conflict)
            case .success(let booking):
                if plan.drop { throw DroppedConnection() }
                return SandboxResponse.data(booking, status: .created)
            }
        }
    }

    /// `GET /v1/bookings`: bookings whose start lies in [startedAt, endedAt], page-numbered.
    static func listBookings(_ request: Request, state: SandboxState) async -> Response {
        let query = request.uri.queryParameters
        var errors: [String: [String]] = [:]
        func instant(_ key: String) -> Date? {
            guard let text = query[key[...]], !text.isEmpty else { return nil }
            guard let date = SandboxCoding.parseUTCInstant(String(text)) else {
                errors[key] = ["must be an ISO 8601 date-time in UTC (ending in Z)"]
                return nil
            }
            return date
        }
        func integer(_ key: String, default value: Int, range: ClosedRange<Int>) -> Int {
            guard let text = query[key[...]], !text.isEmpty else { return value }
            guard let number = Int(text), range.contains(number) else {
                errors[key] = [range.upperBound == .max
                    ? "must be an integer of at least \(range.lowerBound)"
                    : "must be an integer from \(range.lowerBound) to \(range.upperBound)"]
                return value
            }
            return number
        }
        let from = instant("startedAt")
        let to = instant("endedAt")
        let page = integer("page", default: 1, range: 1...Int.max)
        let perPage = integer("perPage", default: 20, range: 1...100)
        guard errors.isEmpty else { return SandboxResponse.errors(errors, status: .unprocessableContent) }
        let status = query["status"].map(String.init).flatMap { $0.isEmpty ? nil : $0 }

        let matching = await state.bookings(startingFrom: from, to: to, status: status)
        // An empty result is still one (empty) page, so `1...numberOfPages` is never empty.
        let numberOfPages = max(1, (matching.count + perPage - 1) / perPage)
        let offset = (page - 1).multipliedReportingOverflow(by: perPage)
        let start = offset.overflow ? matching.count : min(matching.count, offset.partialValue)
        let pageItems = Array(matching[start..<min(matching.count, start + perPage)])
        return SandboxResponse.json(
            BookingPage(
                data: pageItems, totalCount: matching.count, currentPage: page,
                nextPage: page < numberOfPages ? page + 1 : nil, numberOfPages: numberOfPages))
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

    /// A page of `GET /v1/bookings`; `nextPage` and `errors` are written as `null`, not omitted.
    struct BookingPage: Encodable {
        var data: [SandboxBooking]
        var totalCount: Int
        var currentPage: Int
        var nextPage: Int?
        var numberOfPages: Int

        enum CodingKeys: String, CodingKey { case data, totalCount, currentPage, nextPage, numberOfPages, errors }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(data, forKey: .data)
            try c.encode(totalCount, forKey: .totalCount)
            try c.encode(currentPage, forKey: .currentPage)
            try c.encode(nextPage, forKey: .nextPage)
            try c.encode(numberOfPages, forKey: .numberOfPages)
            try c.encodeNil(forKey: .errors)
        }
    }
}
