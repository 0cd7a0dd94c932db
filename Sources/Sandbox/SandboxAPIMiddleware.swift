import Foundation
import Hummingbird

/// Sits in front of every `/v1` route: applies the rate limit, checks the API key, applies the
/// read faults to GETs, and logs each request with the status it got, as a real API gateway
/// would see it.
struct SandboxAPIMiddleware: RouterMiddleware {
    typealias Context = SandboxRequestContext

    let state: SandboxState
    let apiKey: String

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var request = request
        let receivedAt = Date()
        var body: String?
        func log(_ status: Int?) async {
            context.logger.debug(
                "sandbox request",
                metadata: [
                    "method": "\(request.method)", "path": "\(request.uri.path)",
                    "status": "\(status.map(String.init) ?? "dropped")",
                ])
            await state.record(
                ReceivedRequest(
                    method: request.method.rawValue, path: request.uri.path, query: request.uri.query,
                    status: status, body: body, receivedAt: receivedAt))
        }
        do {
            if request.method == .post {
                body = String(buffer: try await request.collectBody(upTo: context.maxUploadSize))
            }
            let response = try await respond(request, context: context, next: next)
            await log(Int(response.status.code))
            return response
        } catch is DroppedConnection {
            // Logged before closing, so that a client seeing the reset can already read the log.
            await log(nil)
            context.closeConnection()
            throw DroppedConnection()
        } catch let error as any HTTPResponseError {
            await log(Int(error.status.code))
            return SandboxResponse.error(error.status.reasonPhrase, status: error.status)
        }
    }

    private func respond(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        if let refusal = await state.admit() {
            return SandboxResponse.tooManyRequests(retryAfter: refusal.wait, asHTTPDate: refusal.asHTTPDate)
        }
        guard request.headers[SandboxServer.apiKeyHeader] == apiKey else {
            return SandboxResponse.error("Invalid API key", status: .unauthorized)
        }
        if request.method == .get {
            let plan = await state.planRead(path: request.uri.path)
            // Slept out even if the client gave up meanwhile, so the log still shows the request.
            if plan.delayMilliseconds > 0 { try? await Task.sleep(for: .milliseconds(plan.delayMilliseconds)) }
            if plan.respond503 { return SandboxResponse.error("Service temporarily unavailable", status: .serviceUnavailable) }
        }
        return try await next(request, context)
    }
}

/// Thrown by a handler to have the connection closed without any response (the "drop" fault).
struct DroppedConnection: Error {}
