/// The final status of a source row (SPEC §4).
public enum RowStatus: String, Sendable, Codable, CaseIterable, Comparable {
    case created, conflict, invalid, duplicate, skipped, failed, pending

    public static func < (a: RowStatus, b: RowStatus) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
