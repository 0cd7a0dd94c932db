import Foundation
import Testing

@testable import Sandbox

/// The three readings of a listing's `startedAt`/`endedAt` (SPEC §1 leaves it undocumented), each
/// against one booking of 02:00–03:00Z and windows that cut across its edges.
@Suite struct SandboxListingWindowTests {
    /// A window (either bound may be missing) and which readings list the booking in it.
    struct Case: Sendable, CustomTestStringConvertible {
        var from: String?
        var to: String?
        var listedBy: Set<SandboxListingWindow>
        var testDescription: String { "[\(from ?? "…"), \(to ?? "…")]" }

        var query: String {
            [from.map { "startedAt=2030-03-16T\($0)Z" }, to.map { "endedAt=2030-03-16T\($0)Z" }]
                .compactMap { $0 }.joined(separator: "&")
        }
    }

    static let all = Set(SandboxListingWindow.allCases)
    static let cases: [Case] = [
        Case(from: "02:00:00", to: "02:00:00", listedBy: [.start, .overlap]),  // the careless point query
        Case(from: "02:00:00", to: "03:00:00", listedBy: all),  // exactly the span: bounds are inclusive
        Case(from: "01:30:00", to: "02:30:00", listedBy: [.start, .overlap]),  // holds the start, cuts the end
        Case(from: "02:30:00", to: "03:30:00", listedBy: [.overlap]),  // opens mid-booking
        Case(from: "03:00:00", to: "04:00:00", listedBy: [.overlap]),  // touches the end
        Case(from: "01:00:00", to: "01:59:59.999", listedBy: []),  // just before
        Case(from: "03:00:00.001", to: "05:00:00", listedBy: []),  // just after
        Case(from: "00:00:00", to: "23:59:59.999", listedBy: all),  // the whole day
        Case(from: "02:00:00", to: nil, listedBy: all),
        Case(from: nil, to: "02:30:00", listedBy: [.start, .overlap]),
        Case(from: nil, to: nil, listedBy: all),
    ]

    @Test(arguments: SandboxListingWindow.allCases)
    func eachReadingOverHTTP(window: SandboxListingWindow) async throws {
        try await SandboxFixtures.withSandbox(faults: SandboxFaults(listingWindow: window)) { _, http in
            let uid = try #require(try await http.post(SandboxFixtures.booking()).data["uid"] as? String)
            for c in Self.cases {
                let listed = try await http.listedUids(c.query)
                #expect(listed == (c.listedBy.contains(window) ? [uid] : []), "\(window) \(c.testDescription)")
            }
        }
    }

    @Test(arguments: cases)
    func thePredicate(c: Case) {
        let start = SandboxFixtures.instant("2030-03-16T02:00:00Z")
        let end = SandboxFixtures.instant("2030-03-16T03:00:00Z")
        let from = c.from.map { SandboxFixtures.instant("2030-03-16T\($0)Z") }
        let to = c.to.map { SandboxFixtures.instant("2030-03-16T\($0)Z") }
        for window in SandboxListingWindow.allCases {
            #expect(window.admits(start: start, end: end, from: from, to: to) == c.listedBy.contains(window), "\(window)")
        }
    }

    /// The default must not be a reading that suits a client querying one instant.
    @Test func theDefaultIsWithinSoAPointQueryFindsNothing() async throws {
        #expect(SandboxFaults().listingWindow == .within)
        try await SandboxFixtures.withSandbox { _, http async throws in
            #expect(try await http.post(SandboxFixtures.booking()).status == 201)
            let point = "startedAt=2030-03-16T02%3A00%3A00.000Z&endedAt=2030-03-16T02%3A00%3A00.000Z"
            #expect(try await http.listedUids(point).isEmpty)
            // The window SPEC §1 recommends (the instant to the instant plus the duration) finds it.
            #expect(try await http.listedUids("startedAt=2030-03-16T02:00:00.000Z&endedAt=2030-03-16T03:00:00.000Z").count == 1)
        }
    }

    @Test func theReadingChangesAtRunTimeAndIsShown() async throws {
        try await SandboxFixtures.withSandbox { sandbox, http in
            #expect(try await http.post(SandboxFixtures.booking()).status == 201)
            let point = "startedAt=2030-03-16T02:00:00Z&endedAt=2030-03-16T02:00:00Z"
            #expect(try await http.send(.GET, "/_sandbox/faults", apiKey: nil).object["listingWindow"] as? String == "within")
            let put = try await http.send(.PUT, "/_sandbox/faults", body: #"{"listingWindow": "start"}"#, apiKey: nil)
            #expect(put.status == 200 && put.object["listingWindow"] as? String == "start")
            #expect(await sandbox.state.faults().listingWindow == .start)
            #expect(try await http.listedUids(point).count == 1)
            await sandbox.state.setFaults(SandboxFaults(listingWindow: .within))
            #expect(try await http.listedUids(point).isEmpty)
        }
    }

    @Test func anUnknownReadingIs422NamingTheKnob() async throws {
        try await SandboxFixtures.withSandbox { sandbox, http in
            let reply = try await http.send(.PUT, "/_sandbox/faults", body: #"{"listingWindow": "starts"}"#, apiKey: nil)
            #expect(reply.status == 422)
            #expect(reply.errors["listingWindow"]?.first?.contains("within") == true)
            #expect(await sandbox.state.faults() == SandboxFaults())
        }
    }
}
