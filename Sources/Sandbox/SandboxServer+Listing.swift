import Foundation
import Hummingbird

/// `GET /v1/bookings`: the page-numbered listing that reconciliation and conflict lookups read.
extension SandboxServer {
    /// The most bookings one page may hold (SPEC §1), and the page size when none is asked for.
    static let maxPerPage = 100
    static let defaultPerPage = 20

    /// Lists the bookings in the window `startedAt`…`endedAt` (read as ``SandboxFaults/listingWindow``
    /// says), optionally of one `status`, `perPage` at a time. Every malformed parameter is
    /// named in one 422: instants must be UTC with `Z`, `perPage` at most 100.
    static func listBookings(_ request: Request, state: SandboxState) async -> Response {
        let query = ListingQuery(request.uri.queryParameters)
        guard query.errors.isEmpty else { return SandboxResponse.errors(query.errors, status: .unprocessableContent) }

        let matching = await state.listing(from: query.from, to: query.to, status: query.status)
        let eventTypes = await state.eventTypesByUid
        let perPage = query.perPage
        let page = query.page
        // An empty result is still one (empty) page, so `1...numberOfPages` is never empty.
        let numberOfPages = max(1, (matching.count + perPage - 1) / perPage)
        let offset = (page - 1).multipliedReportingOverflow(by: perPage)
        let start = offset.overflow ? matching.count : min(matching.count, offset.partialValue)
        let items = matching[start..<min(matching.count, start + perPage)].map {
            SandboxBookingObject(booking: $0, eventType: eventTypes[$0.eventTypeId])
        }
        return SandboxResponse.json(
            BookingPage(
                data: items, totalCount: matching.count, currentPage: page,
                nextPage: page < numberOfPages ? page + 1 : nil, numberOfPages: numberOfPages))
    }

    /// The listing's query parameters, checked; `errors` names each bad one.
    struct ListingQuery {
        var from: Date?
        var to: Date?
        var status: SandboxBooking.Status?
        var page = 1
        var perPage = SandboxServer.defaultPerPage
        var errors: [String: [String]] = [:]

        init(_ query: Hummingbird.Parameters) {
            func text(_ key: String) -> String? {
                guard let value = query[key[...]], !value.isEmpty else { return nil }
                return String(value)
            }
            func instant(_ key: String) -> Date? {
                guard let text = text(key) else { return nil }
                guard let date = SandboxCoding.parseUTCInstant(text) else {
                    errors[key] = ["must be an ISO 8601 date-time in UTC ending in Z, e.g. 2030-03-16T02:00:00.000Z"]
                    return nil
                }
                return date
            }
            func integer(_ key: String, default value: Int, range: ClosedRange<Int>) -> Int {
                guard let text = text(key) else { return value }
                guard let number = Int(text), range.contains(number) else {
                    errors[key] = [range.upperBound == .max
                        ? "must be an integer of at least \(range.lowerBound)"
                        : "must be an integer from \(range.lowerBound) to \(range.upperBound)"]
                    return value
                }
                return number
            }
            from = instant("startedAt")
            to = instant("endedAt")
            if let from, let to, to < from { errors["endedAt"] = ["must not be before startedAt"] }
            page = integer("page", default: 1, range: 1...Int.max)
            perPage = integer("perPage", default: SandboxServer.defaultPerPage, range: 1...SandboxServer.maxPerPage)
            if let name = text("status") {
                status = SandboxBooking.Status(rawValue: name)
                if status == nil {
                    let allowed = SandboxBooking.Status.allCases.map(\.rawValue).joined(separator: ", ")
                    errors["status"] = ["must be one of \(allowed)"]
                }
            }
        }
    }

    /// A page of `GET /v1/bookings`; `nextPage` and `errors` are written as `null`, not omitted.
    struct BookingPage: Encodable {
        var data: [SandboxBookingObject]
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
