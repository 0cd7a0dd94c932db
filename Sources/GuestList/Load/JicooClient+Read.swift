import Foundation

extension JicooClient {
    public func listBookings(_ query: BookingQuery) async -> ReadAnswer<BookingPage> {
        let path = "/v1/bookings?startedAt=\(Self.encode(query.startedAt))&endedAt=\(Self.encode(query.endedAt))"
            + "&page=\(query.page)&perPage=\(min(max(1, query.perPage), 100))"
        return await read(path) { object -> BookingPage? in
            guard let items = object["data"] as? [[String: Any]] else { return nil }
            let bookings = items.compactMap { item -> ListedBooking? in
                guard let uid = item["uid"] as? String else { return nil }
                return ListedBooking(
                    uid: uid, eventTypeId: item["eventTypeId"] as? String, startedAt: item["startedAt"] as? String ?? "",
                    status: item["status"] as? String)
            }
            return BookingPage(bookings: bookings, nextPage: Self.integer(object["nextPage"]))
        }
    }

    public func contacts(bookingUid: String) async -> ReadAnswer<[BookingContact]> {
        await read("/v1/bookings/\(Self.encode(bookingUid))/contacts") { object -> [BookingContact]? in
            guard let items = object["data"] as? [[String: Any]] else { return nil }
            return items.compactMap { item in
                (item["email"] as? String).map { BookingContact(email: $0, name: item["name"] as? String) }
            }
        }
    }

    public func eventTypeExists(uid: String) async -> ReadAnswer<Bool> {
        let answer = await send(method: .GET, path: "/v1/event_types/\(Self.encode(uid))")
        switch answer.status {
        case 404?: return .value(false)
        case let status? where (200..<300).contains(status): return .value(true)
        default: return .failed(answer)
        }
    }

    /// A GET whose 2xx body is decoded by `decode`; any other answer, or a body it cannot use, comes back as
    /// `.failed` for the loader to judge.
    private func read<Value: Sendable>(_ path: String, _ decode: ([String: Any]) -> Value?) async -> ReadAnswer<Value> {
        let answer = await send(method: .GET, path: path)
        guard let status = answer.status, (200..<300).contains(status) else { return .failed(answer) }
        guard let object = try? JSONSerialization.jsonObject(with: Data(answer.body)) as? [String: Any], let value = decode(object) else {
            var unusable = answer
            unusable.transportError = "GET \(path) answered HTTP \(status) with a body that is not the expected JSON"
            return .failed(unusable)
        }
        return .value(value)
    }

    private static func integer(_ value: Any?) -> Int? {
        (value as? Int) ?? (value as? NSNumber)?.intValue
    }

    static func encode(_ s: String) -> String {
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "+:&=/?#")
        return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? s
    }
}
