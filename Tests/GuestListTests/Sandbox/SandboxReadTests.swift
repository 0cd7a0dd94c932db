import Foundation
import Testing

@testable import Sandbox

/// The read endpoints over real HTTP: listing with bounds and pages, one booking, contacts,
/// event types.
@Suite struct SandboxReadTests {
    /// Books `count` guests at consecutive hours from 2030-03-16T00:00Z.
    private func bookHours(_ count: Int, http: SandboxHTTP) async throws {
        for hour in 0..<count {
            let start = String(format: "2030-03-16T%02d:00:00.000Z", hour)
            let reply = try await http.post(SandboxFixtures.booking(email: "g\(hour)@example.com", startedAt: start))
            #expect(reply.status == 201)
        }
    }

    @Test func listingFiltersByInclusiveBoundsAndSortsByStart() async throws {
        try await SandboxFixtures.withSandbox { _, http in
            try await bookHours(5, http: http)
            let reply = try await http.send(
                .GET, "/v1/bookings?startedAt=2030-03-16T01%3A00%3A00Z&endedAt=2030-03-16T03%3A00%3A00.000Z")
            #expect(reply.status == 200)
            let data = try #require(reply.object["data"] as? [[String: any Sendable]])
            #expect(data.compactMap { $0["email"] as? String } == ["g1@example.com", "g2@example.com", "g3@example.com"])
            #expect(reply.object["totalCount"] as? Int == 3)
            #expect(reply.object["currentPage"] as? Int == 1)
            #expect(reply.object["nextPage"] is NSNull)
            #expect(reply.object["numberOfPages"] as? Int == 1)
            #expect(reply.object["errors"] is NSNull)
            let cancelled = try await http.send(.GET, "/v1/bookings?status=cancelled")
            #expect(cancelled.object["totalCount"] as? Int == 0)
            let confirmed = try await http.send(.GET, "/v1/bookings?status=confirmed")
            #expect(confirmed.object["totalCount"] as? Int == 5)
        }
    }

    @Test func listingIsPageNumbered() async throws {
        try await SandboxFixtures.withSandbox { _, http in
            try await bookHours(5, http: http)
            var emails: [String] = []
            var page: Int? = 1
            while let current = page {
                let reply = try await http.send(.GET, "/v1/bookings?perPage=2&page=\(current)")
                #expect(reply.object["numberOfPages"] as? Int == 3)
                #expect(reply.object["totalCount"] as? Int == 5)
                let data = try #require(reply.object["data"] as? [[String: any Sendable]])
                emails += data.compactMap { $0["email"] as? String }
                page = reply.object["nextPage"] as? Int
            }
            #expect(emails == (0..<5).map { "g\($0)@example.com" })
            let beyond = try await http.send(.GET, "/v1/bookings?perPage=2&page=9")
            #expect((beyond.object["data"] as? [Any])?.isEmpty == true)
        }
    }

    @Test func anEmptyListingIsOneEmptyPage() async throws {
        try await SandboxFixtures.withSandbox { _, http in
            let reply = try await http.send(.GET, "/v1/bookings?startedAt=2030-01-01T00:00:00Z")
            #expect(reply.status == 200)
            #expect(reply.object["totalCount"] as? Int == 0)
            #expect(reply.object["numberOfPages"] as? Int == 1)
            #expect(reply.object["nextPage"] is NSNull)
        }
    }

    @Test(arguments: [
        ("perPage=101", "perPage"), ("perPage=0", "perPage"), ("page=0", "page"), ("page=x", "page"),
        ("startedAt=2030-03-16T01:00:00", "startedAt"), ("endedAt=yesterday", "endedAt"),
    ])
    func badQueryParametersAre422(query: String, field: String) async throws {
        try await SandboxFixtures.withSandbox { _, http in
            let reply = try await http.send(.GET, "/v1/bookings?\(query)")
            #expect(reply.status == 422)
            #expect(Array(reply.errors.keys) == [field])
        }
    }

    @Test func theReadEndpointsNeedTheKey() async throws {
        try await SandboxFixtures.withSandbox { _, http in
            for path in ["/v1/bookings", "/v1/bookings/abc", "/v1/event_types/mzgdPJVBb7RE"] {
                let reply = try await http.send(.GET, path, apiKey: nil)
                #expect(reply.status == 401)
            }
        }
    }

    @Test func oneBookingAndItsContacts() async throws {
        try await SandboxFixtures.withSandbox { _, http in
            var fields = SandboxFixtures.booking()
            fields["ccEmails"] = ["cc1@example.com", "cc2@example.com"]
            let uid = try #require(try await http.post(fields).data["uid"] as? String)

            let one = try await http.send(.GET, "/v1/bookings/\(uid)")
            #expect(one.status == 200)
            #expect(one.data["uid"] as? String == uid)

            let contacts = try await http.send(.GET, "/v1/bookings/\(uid)/contacts")
            #expect(contacts.status == 200)
            let data = try #require(contacts.object["data"] as? [[String: String]])
            #expect(data == [
                ["email": "guest@example.com", "name": "Hanako Yamada"],
                ["email": "cc1@example.com", "name": ""], ["email": "cc2@example.com", "name": ""],
            ])

            #expect(try await http.send(.GET, "/v1/bookings/nope").status == 404)
            let missing = try await http.send(.GET, "/v1/bookings/nope/contacts")
            #expect(missing.status == 404)
            #expect(missing.object["data"] is NSNull)
            #expect(missing.errors["message"] != nil)
        }
    }

    @Test func eventTypes() async throws {
        try await SandboxFixtures.withSandbox { _, http in
            let reply = try await http.send(.GET, "/v1/event_types/mzgdPJVBb7RE")
            #expect(reply.status == 200)
            #expect(reply.data["uid"] as? String == "mzgdPJVBb7RE")
            #expect(reply.data["name"] as? String == "Spring Summit 2030")
            #expect(reply.data["duration"] as? Int == 60)
            #expect(reply.data["capacity"] as? Int == 500)
            let questions = reply.data["questions"] as? [[String: String]]
            #expect(questions?.compactMap { $0["uid"] } == ["q-diet", "q-tshirt"])
            let missing = try await http.send(.GET, "/v1/event_types/unknown")
            #expect(missing.status == 404)
            #expect(missing.errors["message"] != nil)
        }
    }
}
