import Foundation

extension JicooClient {
    public func listBookings(startedAt: String, endedAt: String, page: Int, perPage: Int) async throws(GuestListError) -> BookingPage {
        let query = "startedAt=\(Self.encode(startedAt))&endedAt=\(Self.encode(endedAt))&page=\(page)&perPage=\(min(perPage, 100))"
        let object = try await readJSON(path: "/v1/bookings?\(query)")
        let items = (object["data"] as? [[String: Any]]) ?? []
        let bookings = items.compactMap { item -> ListedBooking? in
            guard let uid = item["uid"] as? String else { return nil }
            return ListedBooking(
                uid: uid, startedAt: item["startedAt"] as? String ?? "", eventTypeId: item["eventTypeId"] as? String,
                email: item["email"] as? String)
        }
        let next = (object["nextPage"] as? Int) ?? (object["nextPage"] as? NSNumber)?.intValue
        return BookingPage(bookings: bookings, nextPage: next)
    }

    public func contactEmails(bookingUid: String) async throws(GuestListError) -> [String] {
        let object = try await readJSON(path: "/v1/bookings/\(Self.encode(bookingUid))/contacts")
        let items = (object["data"] as? [[String: Any]]) ?? []
        return items.compactMap { $0["email"] as? String }
    }

    public func eventTypeExists(uid: String) async throws(GuestListError) -> Bool {
        let answer = await send(method: .GET, path: "/v1/event_types/\(Self.encode(uid))")
        if answer.status == 404 { return false }
        _ = try check(answer, path: "/v1/event_types/\(uid)")
        return true
    }

    private func readJSON(path: String) async throws(GuestListError) -> [String: Any] {
        let answer = await send(method: .GET, path: path)
        return try check(answer, path: path)
    }

    private func check(_ answer: APIAnswer, path: String) throws(GuestListError) -> [String: Any] {
        guard let status = answer.status else {
            throw GuestListError(
                .unreachable, "The API could not be reached: GET \(path) got no answer: \(answer.transportError ?? "unknown error").",
                hint: "Check --base-url / JICOO_BASE_URL and the network; unsent rows stay pending for the next run.")
        }
        if status == 401 || status == 403 {
            throw GuestListError(
                .unauthorized, "The API refused the key (HTTP \(status)): \(APIMessage.extract(from: answer.body)).",
                hint: "Check JICOO_API_KEY.")
        }
        guard (200..<300).contains(status) else {
            throw GuestListError(.unreachable, "GET \(path) answered HTTP \(status): \(APIMessage.extract(from: answer.body)).")
        }
        guard let object = try? JSONSerialization.jsonObject(with: Data(answer.body)) as? [String: Any] else {
            throw GuestListError(.unreachable, "GET \(path) answered with a body that is not a JSON object.")
        }
        return object
    }

    static func encode(_ s: String) -> String {
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "+:&=/?#")
        return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? s
    }
}

/// Turns the API's error envelope into one readable line.
public enum APIMessage {
    /// `{"errors": {"email": ["is invalid"]}}` → `email: is invalid`; falls back to the raw body.
    public static func extract(from body: [UInt8]) -> String {
        guard !body.isEmpty else { return "no message" }
        if let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] {
            if let errors = object["errors"] as? [String: Any] {
                if errors.count == 1, let message = errors["message"] as? String { return message }
                if errors.count == 1, let messages = errors["message"] as? [String] { return messages.joined(separator: "; ") }
                let parts = errors.keys.sorted().map { key -> String in
                    let value = errors[key]
                    if let list = value as? [Any] { return "\(key): \(list.map { "\($0)" }.joined(separator: "; "))" }
                    return "\(key): \(value.map { "\($0)" } ?? "")"
                }
                if !parts.isEmpty { return parts.joined(separator: "; ") }
            }
            if let message = object["message"] as? String { return message }
            if let errors = object["errors"] as? String { return errors }
        }
        let text = String(decoding: body.prefix(300), as: UTF8.self)
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The booking uid from a 201 body (`{"data": {"uid": …}}`): scanned for in the common case, decoded
    /// when the scanner cannot follow the text.
    public static func bookingUid(from body: [UInt8]) -> String? {
        if let uid = BookingUidScanner.uid(in: body) { return uid }
        return (try? JSONDecoder().decode(CreatedEnvelope.self, from: Data(body)))?.data?.uid
    }

    private struct CreatedEnvelope: Decodable {
        struct Booking: Decodable { var uid: String? }
        var data: Booking?
    }
}
