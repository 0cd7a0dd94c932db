import Foundation
import Hummingbird

/// The `/_sandbox` routes: introspection and control for tests and the CLI. No key is needed
/// (the server listens on 127.0.0.1 only); bodies are bare JSON, errors use the `/v1` envelope.
/// Unlike `/v1`, bookings here are the sandbox's own records, guest details included.
extension SandboxServer {
    /// `POST /_sandbox/bookings`'s body.
    struct PreloadBody: Decodable {
        var eventTypeId: String
        var email: String
        var name: String
        var startedAt: Date
        var timeZone: String?
        var ccEmails: [String]?
    }

    /// `POST /_sandbox/bookings/{uid}/cancel`'s optional body.
    struct CancelBody: Decodable {
        var reason: String?
    }

    /// `PUT /_sandbox/event_types/{uid}`'s body: only the keys present change.
    struct EventTypeChange: Decodable {
        var capacity: Int?
        var requiresApproval: Bool?
    }

    static func addAdminRoutes(to admin: RouterGroup<SandboxRequestContext>, state: SandboxState) {
        addFaultRoutes(to: admin, state: state)
        addEventTypeRoutes(to: admin, state: state)
        admin.get("requests") { _, _ in
            SandboxResponse.json(await state.received())
        }
        admin.get("stats") { _, _ in
            SandboxResponse.json(await state.stats())
        }
        admin.get("bookings") { _, _ in
            SandboxResponse.json(await state.bookings())
        }
        admin.post("bookings") { request, context in
            let body: PreloadBody
            do {
                body = try await decode(PreloadBody.self, request, context: context)
            } catch {
                return SandboxResponse.error("Body is not a booking to preload: \(error)", status: .badRequest)
            }
            let booking = await state.preload(
                eventTypeId: body.eventTypeId, email: body.email, name: body.name, startedAt: body.startedAt,
                timeZone: body.timeZone ?? "Asia/Tokyo", ccEmails: body.ccEmails ?? [])
            return SandboxResponse.json(booking, status: .created)
        }
        admin.post("bookings/:uid/cancel") { request, context in
            let body: CancelBody
            do {
                body = try await decodeIfAny(CancelBody.self, request, context: context) ?? CancelBody()
            } catch {
                return SandboxResponse.error("Body is not {\"reason\": \"…\"}: \(error)", status: .badRequest)
            }
            guard let booking = await state.cancelBooking(uid: context.parameters.get("uid") ?? "", reason: body.reason)
            else {
                return SandboxResponse.error("Booking not found", status: .notFound)
            }
            return SandboxResponse.json(booking)
        }
        admin.delete("bookings/:uid") { _, context in
            guard await state.removeBooking(uid: context.parameters.get("uid") ?? "") else {
                return SandboxResponse.error("Booking not found", status: .notFound)
            }
            return Response(status: .noContent)
        }
        admin.post("reset") { _, _ in
            await state.reset()
            return Response(status: .noContent)
        }
    }

    private static func addFaultRoutes(to admin: RouterGroup<SandboxRequestContext>, state: SandboxState) {
        admin.get("faults") { _, _ in
            SandboxResponse.json(await state.faults())
        }
        admin.put("faults") { request, context in
            let faults: SandboxFaults
            do {
                faults = try await decode(SandboxFaults.self, request, context: context)
            } catch let DecodingError.dataCorrupted(problem) where !problem.codingPath.isEmpty {
                return invalidKnob(problem)
            } catch let DecodingError.typeMismatch(_, problem) where !problem.codingPath.isEmpty {
                return invalidKnob(problem)
            } catch {
                return SandboxResponse.error("Body is not a faults object: \(error)", status: .badRequest)
            }
            let problems = faults.problems
            guard problems.isEmpty else { return SandboxResponse.errors(problems, status: .unprocessableContent) }
            await state.setFaults(faults)
            let description = (try? SandboxCoding.makeEncoder().encode(faults)).map { String(decoding: $0, as: UTF8.self) }
            context.logger.info("sandbox faults changed", metadata: ["faults": "\(description ?? "?")"])
            return SandboxResponse.json(faults)
        }
    }

    /// A 422 naming the knob whose value has the wrong type or is not one of its choices.
    private static func invalidKnob(_ problem: DecodingError.Context) -> Response {
        let key = problem.codingPath.map(\.stringValue).joined(separator: ".")
        let choices = key == "listingWindow"
            ? "must be one of " + SandboxListingWindow.allCases.map(\.rawValue).joined(separator: ", ")
            : "has the wrong type"
        return SandboxResponse.errors([key: [choices]], status: .unprocessableContent)
    }

    private static func addEventTypeRoutes(to admin: RouterGroup<SandboxRequestContext>, state: SandboxState) {
        admin.get("event_types") { _, _ in
            SandboxResponse.json(await state.eventTypes())
        }
        admin.put("event_types/:uid") { request, context in
            let change: EventTypeChange
            do {
                change = try await decode(EventTypeChange.self, request, context: context)
            } catch {
                return SandboxResponse.error(
                    "Body is not {\"capacity\": N, \"requiresApproval\": true|false}: \(error)", status: .badRequest)
            }
            if let capacity = change.capacity, capacity < 0 {
                return SandboxResponse.errors(["capacity": ["must not be negative"]], status: .unprocessableContent)
            }
            let uid = context.parameters.get("uid") ?? ""
            guard let eventType = await state.updateEventType(
                uid: uid, capacity: change.capacity, requiresApproval: change.requiresApproval)
            else {
                return SandboxResponse.error("Event type not found", status: .notFound)
            }
            context.logger.info("sandbox event type changed", metadata: ["uid": "\(uid)", "capacity": "\(eventType.capacity)"])
            return SandboxResponse.json(eventType)
        }
    }

    private static func decode<T: Decodable>(
        _ type: T.Type, _ request: Request, context: SandboxRequestContext
    ) async throws -> T {
        var request = request
        let buffer = try await request.collectBody(upTo: context.maxUploadSize)
        return try SandboxCoding.makeDecoder().decode(T.self, from: Data(buffer.readableBytesView))
    }

    /// Like `decode`, but `nil` for an empty body.
    private static func decodeIfAny<T: Decodable>(
        _ type: T.Type, _ request: Request, context: SandboxRequestContext
    ) async throws -> T? {
        var request = request
        let buffer = try await request.collectBody(upTo: context.maxUploadSize)
        let data = Data(buffer.readableBytesView)
        if data.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return nil }
        return try SandboxCoding.makeDecoder().decode(T.self, from: data)
    }
}
