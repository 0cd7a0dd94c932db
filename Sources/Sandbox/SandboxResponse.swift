import Foundation
import HTTPTypes
import Hummingbird

/// Builds the sandbox's JSON responses: `/v1` ones in Jicoo's `{"data": …, "errors": …}`
/// envelope, admin ones as bare JSON.
enum SandboxResponse {
    /// Jicoo's envelope; both keys are always present, `null` when empty.
    struct Envelope<Payload: Encodable>: Encodable {
        var data: Payload?
        var errors: [String: [String]]?

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(data, forKey: .data)
            try c.encode(errors, forKey: .errors)
        }

        enum CodingKeys: String, CodingKey { case data, errors }
    }

    /// A JSON response of any encodable value.
    static func json(
        _ value: some Encodable, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]
    ) -> Response {
        var headers = headers
        headers[.contentType] = "application/json; charset=utf-8"
        let data = (try? SandboxCoding.makeEncoder().encode(value)) ?? Data("null".utf8)
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// `{"data": value, "errors": null}`.
    static func data(_ value: some Encodable, status: HTTPResponse.Status = .ok) -> Response {
        json(Envelope(data: value, errors: nil), status: status)
    }

    /// `{"data": null, "errors": errors}`, where `errors` maps a field path (or `message`
    /// for a problem of the whole request) to messages.
    static func errors(_ errors: [String: [String]], status: HTTPResponse.Status, headers: HTTPFields = [:]) -> Response {
        json(Envelope<String>(data: nil, errors: errors), status: status, headers: headers)
    }

    /// An error that concerns the whole request: `{"data": null, "errors": {"message": [message]}}`.
    static func error(_ message: String, status: HTTPResponse.Status, headers: HTTPFields = [:]) -> Response {
        errors(["message": [message]], status: status, headers: headers)
    }

    /// A 429, with `Retry-After` in whole seconds (at least 1) or as an HTTP-date, or without it.
    static func tooManyRequests(retryAfter seconds: Double?, asHTTPDate: Bool) -> Response {
        var headers: HTTPFields = [:]
        if let seconds {
            let whole = max(1, Int(seconds.rounded(.up)))
            headers[.retryAfter] = asHTTPDate ? httpDate(Date().addingTimeInterval(Double(whole) + 1)) : String(whole)
        }
        return error("Too many requests", status: .tooManyRequests, headers: headers)
    }

    /// RFC 9110's IMF-fixdate, e.g. `Sun, 06 Nov 1994 08:49:37 GMT`. Formatted by hand:
    /// a locale-dependent formatter is exactly what this header must not depend on.
    /// Callers add a second because the format drops the fraction (it must not wait too little).
    static func httpDate(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "GMT")!
        let c = calendar.dateComponents([.weekday, .day, .month, .year, .hour, .minute, .second], from: date)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ n: Int?) -> String { n.map { $0 < 10 ? "0\($0)" : "\($0)" } ?? "00" }
        return "\(days[(c.weekday ?? 1) - 1]), \(two(c.day)) \(months[(c.month ?? 1) - 1]) \(c.year ?? 1970) "
            + "\(two(c.hour)):\(two(c.minute)):\(two(c.second)) GMT"
    }
}
