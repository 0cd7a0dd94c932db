import Foundation
import Hummingbird

/// The `/_sandbox` routes: introspection and control for tests and the CLI. No key is needed
/// (the server listens on 127.0.0.1 only); bodies are bare JSON, errors use the `/v1` envelope.
extension SandboxServer {
    /// `POST /_sandbox/bookings`'s body.
    struct PreloadBody: Decodable {
        var eventTypeId: String
        var email: String
        var name: String
        var startedAt: Date
        var timeZone: String?
    }

    static func addAdminRoutes(to admin: RouterGroup<SandboxRequestContext>, state: SandboxState) {
        admin.get("faults") { _, _ in
            SandboxResponse.json(await state.faults())
        }
        admin.put("faults") { request, context in
            let faults: SandboxFaults
            do {
                faults = try await decode(SandboxFaults.self, request, context: context)
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
                timeZone: body.timeZone ?? "Asia/Tokyo")
            return SandboxResponse.json(booking, status: .created)
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

    private static func decode<T: Decodable>(
        _ type: T.Type, _ request: Request, context: SandboxRequestContext
    ) async throws -> T {
        var request = request
        let buffer = try await request.collectBody(upTo: context.maxUploadSize)
        return try SandboxCoding.makeDecoder().decode(T.self, from: Data(buffer.readableBytesView))
    }
}
