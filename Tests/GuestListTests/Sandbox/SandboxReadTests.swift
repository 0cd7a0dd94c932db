import Foundation
import Testing

@testable import Sandbox

/// The read endpoints over real HTTP: listing with bounds, parameters and pages, one booking,
/// contacts, event types.
@Suite struct SandboxReadTests {
    /// Books `count` guests at consecutive hours from 2030-03-16T00:00Z; returns their uids in order.
    @discardableResult
    private func bookHours(_ count: Int, http: SandboxHTTP) async throws -> [String] {
        var uids: [String] = []
        for hour in 0..<count {
            let start = String(format: "2030-03-16T%02d:00:00.000Z", hour)
            let reply = try await http.post(SandboxFixtures.booking(email: "g\(hour)@example.com", startedAt: start))
            #expect(reply.status == 201)
            uids.append(reply.data["uid"] as? String ?? "?")
        }
        return uids
    }

    @Test func listingFiltersByInclusiveBoundsAndSortsByStart() async throws {
        try await SandboxFixtures.withSandbox(faults: SandboxFaults(listingWindow: .start)) { _, http in
            let uids = try await bookHours(5, http: http)
            let reply = try await http.send(
                .GET, "/v1/bookings?startedAt=2030-03-16T01%3A00%3A00Z&endedAt=2030-03-16T03%3A00%3A00.000Z")
            #expect(reply.status == 200)
            #expect(reply.items.compactMap { $0["uid"] as? String } == Array(uids[1...3]))
            #expect(reply.items.compactMap { $0["startedAt"] as? String }.first == "2030-03-16T01:00:00.000Z")
            #expect(reply.object["totalCount"] as? Int == 3)
            #expect(reply.object["currentPage"] as? Int == 1)
            #expect(reply.object["nextPage"] is NSNull)
            #expect(reply.object["numberOfPages"] as? Int == 1)
            #expect(reply.object["errors"] is NSNull)
            // Whom they are for comes from the contacts only.
            var emails: [String] = []
            for item in reply.items { emails += try await http.contactEmails(item["uid"] as? String ?? "") }
            #expect(emails == ["g1@example.com", "g2@example.com", "g3@example.com"])
        }
    }

    @Test func listingIsPageNumbered() async throws {
        try await SandboxFixtures.withSandbox { _, http in
            let uids = try await bookHours(5, http: http)
            var listed: [String] = []
            var page: Int? = 1
            while let current = page {
                let reply = try await http.send(.GET, "/v1/bookings?perPage=2&page=\(current)")
                #expect(reply.object["numberOfPages"] as? Int == 3)
                #expect(reply.object["totalCount"] as? Int == 5)
                #expect(reply.object["currentPage"] as? Int == current)
                listed += reply.items.compactMap { $0["uid"] as? String }
                page = reply.object["nextPage"] as? Int
            }
            #expect(listed == uids)
            let beyond = try await http.send(.GET, "/v1/bookings?perPage=2&page=9")
            #expect(beyond.status == 200 && beyond.items.isEmpty)
            #expect(beyond.object["nextPage"] is NSNull)
        }
    }

    /// More bookings in one slot than a page holds, as reconciliation meets in a busy event.
    @Test func oneSlotOverSeveralFullPages() async throws {
        try await SandboxFixtures.withSandbox { sandbox, http in
            let start = SandboxFixtures.instant("2030-03-16T02:00:00Z")
            var expected: [String] = []
            for index in 0..<230 {
                let booking = await sandbox.state.preload(
                    eventTypeId: "mzgdPJVBb7RE", email: "g\(index)@example.com", name: "G", startedAt: start)
                expected.append(booking.uid)
            }
            let first = try await http.send(.GET, "/v1/bookings?perPage=100")
            #expect(first.items.count == 100)
            #expect(first.object["numberOfPages"] as? Int == 3 && first.object["nextPage"] as? Int == 2)
            let last = try await http.send(.GET, "/v1/bookings?perPage=100&page=3")
            #expect(last.items.count == 30 && last.object["nextPage"] is NSNull)
            #expect(try await http.listedUids("perPage=100") == expected, "every page, in creation order, once each")
            // The default page is smaller: a client that reads one page misses most of the slot.
            let unpaged = try await http.send(.GET, "/v1/bookings")
            #expect(unpaged.items.count == SandboxServer.defaultPerPage && unpaged.object["totalCount"] as? Int == 230)
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
        ("perPage=101", "perPage"), ("perPage=1000", "perPage"), ("perPage=0", "perPage"), ("page=0", "page"),
        ("page=x", "page"), ("startedAt=2030-03-16T01:00:00", "startedAt"), ("endedAt=yesterday", "endedAt"),
        ("startedAt=2030-03-16T11:00:00%2B09:00", "startedAt"), ("startedAt=2030-03-16T11:00:00+09:00", "startedAt"),
        ("endedAt=2030-03-16", "endedAt"), ("startedAt=2030-13-16T01:00:00Z", "startedAt"),
        ("startedAt=2030-03-16T02:00:00Z&endedAt=2030-03-16T01:00:00Z", "endedAt"),
        ("status=confirmed", "status"), ("status=cancelled", "status"), ("status=OPEN", "status"),
    ])
    func badQueryParametersAre422NamingThem(query: String, field: String) async throws {
        try await SandboxFixtures.withSandbox { _, http in
            let reply = try await http.send(.GET, "/v1/bookings?\(query)")
            #expect(reply.status == 422)
            #expect(Array(reply.errors.keys) == [field], "\(reply.errors)")
            #expect(reply.object["data"] is NSNull)
        }
    }

    @Test func everyBadQueryParameterIsNamedAtOnce() async throws {
        try await SandboxFixtures.withSandbox { _, http in
            let reply = try await http.send(.GET, "/v1/bookings?perPage=500&startedAt=2030-03-16&status=done")
            #expect(reply.status == 422)
            #expect(Set(reply.errors.keys) == ["perPage", "startedAt", "status"])
        }
    }

    @Test func thePageSizeMayBeExactly100() async throws {
        try await SandboxFixtures.withSandbox { _, http async throws in
            #expect(try await http.send(.GET, "/v1/bookings?perPage=100").status == 200)
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
            #expect(one.data["email"] == nil)

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
