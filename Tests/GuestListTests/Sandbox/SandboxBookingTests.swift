import Foundation
import Testing

@testable import Sandbox

/// `POST /v1/bookings` over real HTTP: key check, validation, conflicts, creation.
@Suite struct SandboxBookingTests {
    /// SPEC §1's booking object, in SPEC order: the contract the client may rely on, and no more.
    static let bookingKeys: Set<String> = [
        "uid", "eventTypeId", "name", "description", "status", "startedAt", "endedAt", "locationId", "url",
        "phoneNumber", "address", "customLocation", "access", "timeZone", "priority", "cancelReason", "cancelledAt",
        "cancelledBy", "hosts", "createdAt", "updatedAt",
    ]

    @Test func createdBookingHasExactlyTheDocumentedFieldsAndNoGuest() async throws {
        try await SandboxFixtures.withSandbox { sandbox, http in
            var fields = SandboxFixtures.booking()
            fields["company"] = "Acme"
            fields["ccEmails"] = ["a@example.com", "b@example.org"]
            fields["answers"] = [["questionUid": "q-diet", "content": "vegan"]]
            fields["tracking"] = ["campaign": "spring"]
            fields["message"] = "See you there"
            fields["locationId"] = "phone"
            fields["phoneNumber"] = "+81 90 1234 5678"
            let reply = try await http.post(fields)
            #expect(reply.status == 201)
            #expect(reply.object["errors"] is NSNull)
            let data = reply.data
            #expect(Set(data.keys) == Self.bookingKeys)
            #expect(Set(SandboxBookingObject.keys) == Self.bookingKeys && SandboxBookingObject.keys.count == 21)
            let uid = try #require(data["uid"] as? String)
            #expect(uid.count == 12 && uid.allSatisfy { $0.isLetter || $0.isNumber })
            #expect(data["status"] as? String == "open")
            #expect(data["name"] as? String == "Spring Summit 2030", "the event's title, not the guest's name")
            #expect(data["startedAt"] as? String == "2030-03-16T02:00:00.000Z")
            #expect(data["endedAt"] as? String == "2030-03-16T03:00:00.000Z")
            #expect(data["timeZone"] as? String == "Asia/Tokyo")
            #expect(data["eventTypeId"] as? String == "mzgdPJVBb7RE")
            #expect(data["locationId"] as? String == "phone")
            #expect(data["phoneNumber"] as? String == "+81 90 1234 5678")
            #expect(data["hosts"] as? [Any] != nil)
            #expect(data["createdAt"] is String && data["updatedAt"] is String)
            for key in ["description", "url", "address", "customLocation", "access", "priority", "cancelReason",
                        "cancelledAt", "cancelledBy"] {
                #expect(data[key] is NSNull, "\(key) does not apply")
            }
            for guestDetail in ["guest@example.com", "Hanako Yamada", "a@example.com", "Acme", "vegan", "spring", "See you"] {
                #expect(!reply.text.contains(guestDetail), "\(guestDetail) must not be in \(reply.text)")
            }
            // Only the contacts say whom it is for; the sandbox itself still knows.
            #expect(try await http.contactEmails(uid) == ["guest@example.com", "a@example.com", "b@example.org"])
            let stored = await sandbox.state.bookings()
            #expect(stored.map(\.uid) == [uid])
            #expect(stored.first?.email == "guest@example.com" && stored.first?.company == "Acme")
            #expect(await sandbox.state.stats().created == 1)
        }
    }

    @Test func theOneBookingAndEveryListedBookingHaveTheSameShape() async throws {
        try await SandboxFixtures.withSandbox { _, http in
            let uid = try #require(try await http.post(SandboxFixtures.booking()).data["uid"] as? String)
            let one = try await http.send(.GET, "/v1/bookings/\(uid)")
            #expect(one.status == 200)
            #expect(Set(one.data.keys) == Self.bookingKeys)
            #expect(!one.text.contains("guest@example.com"))
            let listing = try await http.send(.GET, "/v1/bookings")
            #expect(listing.items.count == 1)
            #expect(listing.items.allSatisfy { Set($0.keys) == Self.bookingKeys })
            #expect(!listing.text.contains("guest@example.com"))
        }
    }

    @Test func startedAtWithAnOffsetIsTheSameInstant() async throws {
        try await SandboxFixtures.withSandbox { _, http in
            let reply = try await http.post(SandboxFixtures.booking(startedAt: "2030-03-16T11:00:00+09:00"))
            #expect(reply.status == 201)
            #expect(reply.data["startedAt"] as? String == "2030-03-16T02:00:00.000Z")
        }
    }

    @Test(arguments: [nil, "wrong-key"])
    func aMissingOrWrongKeyIs401(key: String?) async throws {
        try await SandboxFixtures.withSandbox { sandbox, http in
            let reply = try await http.post(SandboxFixtures.booking(), apiKey: key)
            #expect(reply.status == 401)
            #expect(reply.object["data"] is NSNull)
            #expect(reply.errors["message"]?.isEmpty == false)
            #expect(await sandbox.state.bookings().isEmpty)
            #expect(await sandbox.state.stats().unauthorized401 == 1)
        }
    }

    @Test(arguments: ["not json", "[1, 2]", "\"text\"", ""])
    func aBodyThatIsNotAJSONObjectIs400(body: String) async throws {
        try await SandboxFixtures.withSandbox { _, http in
            let reply = try await http.send(.POST, "/v1/bookings", body: body)
            #expect(reply.status == 400)
            #expect(reply.errors["body"]?.isEmpty == false)
        }
    }

    /// One case per class of constraint: each names exactly the offending field path.
    static let invalidCases: [(change: [String: any Sendable], removed: String?, path: String)] = [
        ([:], "email", "email"),
        ([:], "startedAt", "startedAt"),
        ([:], "timeZone", "timeZone"),
        ([:], "name", "name"),
        (["name": ""], nil, "name"),
        (["email": "not-an-email"], nil, "email"),
        (["email": "user@localhost"], nil, "email"),
        (["email": String(repeating: "a", count: 250) + "@example.com"], nil, "email"),
        (["name": String(repeating: "名", count: 65)], nil, "name"),
        (["company": String(repeating: "c", count: 33)], nil, "company"),
        (["textRemindNumber": String(repeating: "1", count: 33)], nil, "textRemindNumber"),
        (["textRemindCountryCode": String(repeating: "1", count: 256)], nil, "textRemindCountryCode"),
        (["phoneNumber": String(repeating: "1", count: 33)], nil, "phoneNumber"),
        (["message": String(repeating: "m", count: 2001)], nil, "message"),
        (["startedAt": "2030-03-16 11:00"], nil, "startedAt"),
        (["startedAt": "tomorrow"], nil, "startedAt"),
        (["timeZone": "Mars/Olympus"], nil, "timeZone"),
        (["eventTypeId": "noSuchEvent"], nil, "eventTypeId"),
        (["locale": "fr"], nil, "locale"),
        (["locationId": "moon"], nil, "locationId"),
        (["ccEmails": "a@example.com"], nil, "ccEmails"),
        (["ccEmails": (0..<31).map { "g\($0)@example.com" }], nil, "ccEmails"),
        (["ccEmails": ["a@example.com", "b@example.com", "c@example.com", "broken"]], nil, "ccEmails[3]"),
        (["tracking": ["campaign": String(repeating: "t", count: 256)]], nil, "tracking.campaign"),
        (["tracking": ["colour": "red"]], nil, "tracking.colour"),
        (["answers": [["questionUid": "q-unknown", "content": "x"]]], nil, "answers[0].questionUid"),
        (["answers": [["content": "x"]]], nil, "answers[0].questionUid"),
        (["answers": [["questionUid": "q-diet"]]], nil, "answers[0].content"),
        (["payment": ["items": [] as [String]]], nil, "payment.paymentMethod"),
        (["payment": ["paymentMethod": "cash", "items": [String]()] as [String: any Sendable]], nil, "payment.paymentMethod"),
        (["payment": ["paymentMethod": "card"]], nil, "payment.items"),
        (["payment": ["paymentMethod": "card", "items": [String](), "successUrl": "not a uri"] as [String: any Sendable]], nil,
         "payment.successUrl"),
        (["startDate": "2030-03-16"], nil, "startDate"),
        (["name": 42], nil, "name"),
    ]

    @Test(arguments: invalidCases.indices)
    func anInvalidFieldIs422NamingIt(index: Int) async throws {
        let invalid = Self.invalidCases[index]
        var fields = SandboxFixtures.booking()
        if let removed = invalid.removed { fields[removed] = nil }
        fields.merge(invalid.change) { $1 }
        try await SandboxFixtures.withSandbox { sandbox, http in
            let reply = try await http.post(fields)
            #expect(reply.status == 422)
            #expect(reply.object["data"] is NSNull)
            #expect(Array(reply.errors.keys) == [invalid.path], "\(reply.errors)")
            #expect(reply.errors[invalid.path]?.first?.isEmpty == false)
            #expect(await sandbox.state.bookings().isEmpty)
        }
    }

    @Test func everyBadFieldIsNamedAtOnce() async throws {
        try await SandboxFixtures.withSandbox { _, http in
            let reply = try await http.post(["email": "x", "name": "", "ccEmails": ["ok@example.com", "bad"]])
            #expect(reply.status == 422)
            #expect(Set(reply.errors.keys) == ["email", "name", "ccEmails[1]", "startedAt", "timeZone", "eventTypeId"])
        }
    }

    @Test func theLongestAllowedValuesAreAccepted() async throws {
        try await SandboxFixtures.withSandbox { _, http in
            var fields = SandboxFixtures.booking(email: String(repeating: "a", count: 64) + "@example.com")
            fields["name"] = String(repeating: "名", count: 64)
            fields["company"] = String(repeating: "c", count: 32)
            fields["message"] = String(repeating: "m", count: 2000)
            fields["ccEmails"] = (0..<30).map { "g\($0)@example.com" }
            fields["locale"] = "ja"
            fields["locationId"] = "zoom"
            fields["payment"] = [
                "paymentMethod": "card", "items": [["name": "ticket"]], "successUrl": "https://example.com/ok",
            ] as [String: any Sendable]
            let reply = try await http.post(fields)
            #expect(reply.status == 201, "\(reply.errors)")
        }
    }

    @Test func theSameKeyTwiceIs409() async throws {
        try await SandboxFixtures.withSandbox { sandbox, http in
            #expect(try await http.post(SandboxFixtures.booking(email: "Guest@Example.com")).status == 201)
            // Same event, same instant written differently, email differing only in case.
            let again = try await http.post(SandboxFixtures.booking(email: "guest@example.COM", startedAt: "2030-03-16T11:00:00+09:00"))
            #expect(again.status == 409)
            #expect(again.object["data"] is NSNull)
            #expect(await sandbox.state.bookings().count == 1)
            let stats = await sandbox.state.stats()
            #expect(stats.conflicts409 == 1 && stats.conflictsAlreadyBooked == 1 && stats.conflictsSlotFull == 0)
            // Another instant is another key.
            #expect(try await http.post(SandboxFixtures.booking(startedAt: "2030-03-16T03:00:00Z")).status == 201)
        }
    }

    @Test func aFullSlotIs409() async throws {
        try await SandboxFixtures.withSandbox { sandbox, http in
            #expect(try await http.post(SandboxFixtures.booking(email: "one@example.com", eventTypeId: "smallRoom01")).status == 201)
            let second = try await http.post(SandboxFixtures.booking(email: "two@example.com", eventTypeId: "smallRoom01"))
            #expect(second.status == 409)
            #expect(await sandbox.state.bookings().count == 1)
            let stats = await sandbox.state.stats()
            #expect(stats.conflicts409 == 1 && stats.conflictsSlotFull == 1 && stats.conflictsAlreadyBooked == 0)
        }
    }

    /// SPEC §1: a 409 carries a message but neither the reason nor the uid of the booking it
    /// conflicts with, so only a lookup (listing + contacts) can tell the two causes apart.
    @Test func bothCausesOf409AnswerTheVerySameBody() async throws {
        try await SandboxFixtures.withSandbox { sandbox, http in
            let first = try await http.post(SandboxFixtures.booking(email: "one@example.com", eventTypeId: "smallRoom01"))
            let uid = try #require(first.data["uid"] as? String)
            let alreadyBooked = try await http.post(SandboxFixtures.booking(email: "one@example.com", eventTypeId: "smallRoom01"))
            let slotFull = try await http.post(SandboxFixtures.booking(email: "two@example.com", eventTypeId: "smallRoom01"))
            #expect(alreadyBooked.status == 409 && slotFull.status == 409)
            #expect(alreadyBooked.body == slotFull.body)
            #expect(alreadyBooked.errors["message"]?.first?.isEmpty == false)
            #expect(!alreadyBooked.text.contains(uid))
            for word in ["already", "full", "capacity", "guest"] {
                #expect(!alreadyBooked.text.lowercased().contains(word), "the 409 must not say why: \(alreadyBooked.text)")
            }
            let stats = await sandbox.state.stats()
            #expect(stats.conflictsAlreadyBooked == 1 && stats.conflictsSlotFull == 1 && stats.conflicts409 == 2)
        }
    }
}
