/// Where each booking field of one source comes from: a column of its records, the pipeline's
/// default, or both. Built once per source, so that a row is read by position, with no dictionary of
/// its cells per row.
///
/// A default fills a field that the row leaves empty or only white space, or that is not mapped at
/// all (SPEC §2). Field paths are those of SPEC §1 and §2: `name`, `startedAt` or `startDate` and
/// `startTime`, `tracking.campaign`, `payment.items`, `answers.<questionUid>`, …; other paths are kept
/// for the report but not read.
public struct FieldMap: Sendable, Equatable {
    /// The fields one pass over a row reads, by their place in `Storage.entries`' switch.
    enum Field: Sendable, Equatable {
        case name, email, startedAt, startDate, startTime, timeZone, eventTypeId, company, message, locale, locationId
        case phoneNumber, textRemindNumber, textRemindCountryCode, ccEmails

        static let paths: [String: Field] = [
            "name": .name, "email": .email, "startedAt": .startedAt, "startDate": .startDate, "startTime": .startTime,
            "timeZone": .timeZone, "eventTypeId": .eventTypeId, "company": .company, "message": .message,
            "locale": .locale, "locationId": .locationId, "phoneNumber": .phoneNumber,
            "textRemindNumber": .textRemindNumber, "textRemindCountryCode": .textRemindCountryCode, "ccEmails": .ccEmails,
        ]
    }

    /// Where one field's text comes from.
    struct Slot: Sendable, Equatable {
        /// The column's index in a record's values; -1 when the field is not mapped.
        let column: Int
        /// The pipeline's default for the field.
        let fallback: String?

        /// The field's text in `values`: the cell, or the default where the cell is blank or missing;
        /// empty when there is neither.
        @inline(__always)
        func text(in values: [String]) -> String {
            if column >= 0, column < values.count {
                let cell = values[column]
                guard let fallback else { return cell }
                return TextNormalizer.isBlank(cell) ? fallback : cell
            }
            return fallback ?? ""
        }
    }

    /// A field of the one pass, with its slot.
    struct Entry: Sendable {
        let field: Field
        let slot: Slot
    }

    /// Shared by every copy: a row carries its map, and a copy of a class reference is one retain.
    final class Storage: Sendable {
        /// Every field path, mapped or defaulted, for the report's and the messages' look-ups.
        let byPath: [String: Slot]
        /// The fields of `Field`, mapped or defaulted.
        let entries: [Entry]
        /// `tracking.<field>` slots by field name.
        let tracking: [(name: String, slot: Slot)]
        /// `payment.<field>` slots by field name.
        let payment: [(name: String, slot: Slot)]
        /// `answers.<questionUid>` slots, in the order of their question uids.
        let answers: [(questionUid: String, slot: Slot)]

        init(byPath: [String: Slot]) {
            self.byPath = byPath
            var entries: [Entry] = []
            var tracking: [(name: String, slot: Slot)] = []
            var payment: [(name: String, slot: Slot)] = []
            var answers: [(questionUid: String, slot: Slot)] = []
            for (path, slot) in byPath.sorted(by: { $0.key < $1.key }) {
                if let field = Field.paths[path] {
                    entries.append(Entry(field: field, slot: slot))
                } else if path.hasPrefix("tracking.") {
                    tracking.append((String(path.dropFirst(9)), slot))
                } else if path.hasPrefix("payment.") {
                    payment.append((String(path.dropFirst(8)), slot))
                } else if path.hasPrefix("answers.") {
                    answers.append((String(path.dropFirst(8)), slot))
                }
            }
            (self.entries, self.tracking, self.payment, self.answers) = (entries, tracking, payment, answers)
        }
    }

    let storage: Storage

    /// - Parameters:
    ///   - columns: booking field path → index of its column in the source's records.
    ///   - defaults: booking field path → the pipeline's constant value for it.
    public init(columns: [String: Int], defaults: [String: String] = [:]) {
        var byPath: [String: Slot] = [:]
        for (path, column) in columns { byPath[path] = Slot(column: column, fallback: defaults[path]) }
        for (path, value) in defaults where columns[path] == nil { byPath[path] = Slot(column: -1, fallback: value) }
        storage = Storage(byPath: byPath)
    }

    /// The text of the field at `path` in `values`; nil when the row gives it no text.
    public func text(of path: String, in values: [String]) -> String? {
        guard let text = storage.byPath[path]?.text(in: values), !text.isEmpty else { return nil }
        return text
    }

    public static func == (lhs: FieldMap, rhs: FieldMap) -> Bool {
        lhs.storage === rhs.storage || lhs.storage.byPath == rhs.storage.byPath
    }
}
