import Foundation
import Testing

@testable import Sandbox

/// The sandbox's pure parts, without I/O.
@Suite struct SandboxUnitTests {
    @Test(arguments: [
        ("john@example.com", true), ("John.O'Neil+tag@mail.example.co.jp", true), ("a@b.c", true),
        ("user@localhost", false), ("no-at.example.com", false), ("a@@example.com", false), ("@example.com", false),
        ("a@-example.com", false), ("a@example..com", false), ("jöhn@example.com", false), ("a b@example.com", false),
    ])
    func emailSyntax(email: String, valid: Bool) {
        #expect(EmailSyntax.isValid(email) == valid)
    }

    @Test func aLocalPartOver64IsInvalid() {
        #expect(EmailSyntax.isValid(String(repeating: "a", count: 64) + "@example.com"))
        #expect(!EmailSyntax.isValid(String(repeating: "a", count: 65) + "@example.com"))
    }

    @Test func theTokenBucketRefillsAtItsRate() {
        let t0 = ContinuousClock.now
        var bucket = TokenBucket(rate: 2, burst: 2, now: t0)
        let first = bucket.take(now: t0)
        let second = bucket.take(now: t0)
        let third = bucket.take(now: t0)
        let afterHalfASecond = bucket.take(now: t0 + .milliseconds(500))
        #expect(first == nil && second == nil)
        #expect(third == 0.5, "the wait until the next token")
        #expect(afterHalfASecond == nil)
    }

    @Test func theGeneratorIsReproducible() {
        var a = SandboxRandom(seed: 7)
        var b = SandboxRandom(seed: 7)
        let fromA = (0..<5).map { _ in a.uid() }
        let fromB = (0..<5).map { _ in b.uid() }
        #expect(fromA == fromB)
        let never = a.chance(0)
        let always = a.chance(1)
        #expect(!never && always)
    }

    @Test func instantsAreWrittenWithMillisecondsAndReadEitherWay() throws {
        let date = try #require(SandboxCoding.parseDateTime("2030-03-16T02:00:00Z"))
        #expect(SandboxCoding.formatInstant(date) == "2030-03-16T02:00:00.000Z")
        #expect(SandboxCoding.parseDateTime("2030-03-16T11:00:00.000+09:00") == date)
        #expect(SandboxCoding.parseUTCInstant("2030-03-16T11:00:00+09:00") == nil)
        #expect(SandboxCoding.parseDateTime("2030-03-16") == nil)
    }

    @Test func faultsDecodeWithDefaultsForMissingKnobs() throws {
        let faults = try JSONDecoder().decode(SandboxFaults.self, from: Data(#"{"rateLimit": 5}"#.utf8))
        #expect(faults == SandboxFaults(rateLimit: 5))
        #expect(try JSONDecoder().decode(SandboxFaults.self, from: Data("{}".utf8)) == SandboxFaults())
    }

    @Test func httpDatesFollowRFC9110() {
        #expect(SandboxResponse.httpDate(Date(timeIntervalSince1970: 784_111_777)) == "Sun, 06 Nov 1994 08:49:37 GMT")
    }
}
