import Foundation
@testable import GuestList

/// Shared fixtures for the normalize and validate suites.
enum NormalizeFixtures {
    /// 2026-11-28T00:00:00Z: every 2030 date is in the future, every 2020 date in the past.
    static let now = Date(timeIntervalSince1970: 1_795_824_000)

    static func options(
        dateOrder: NormalizeOptions.DateOrder = .ymd, dst: NormalizeOptions.DSTPolicy = .reject,
        allowPast: Bool = false, aliases: [String: String] = [:]
    ) -> NormalizeOptions {
        NormalizeOptions(dateOrder: dateOrder, dst: dst, allowPast: allowPast, timeZoneAliases: aliases, now: now)
    }

    /// A valid row; tests override one field at a time.
    static func row(_ overrides: [String: String] = [:]) -> [String: String] {
        var fields = ["startedAt": "2030-03-16 11:00", "timeZone": "Asia/Tokyo", "eventTypeId": "mzgdPJVBb7RE",
                      "email": "jane@example.com", "name": "Jane Doe"]
        for (key, value) in overrides { fields[key] = value }
        return fields
    }
}

extension RowNormalizer {
    /// Both stages, as the pipeline runs them on a row given as field → text: normalize, then validate.
    func check(_ fields: [String: String]) -> ValidatedRow {
        BookingValidator().validate(normalize(fields))
    }
}
