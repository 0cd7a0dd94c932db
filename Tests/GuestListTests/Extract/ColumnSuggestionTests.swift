import Testing

@testable import GuestList

@Suite("ColumnSuggestion")
struct ColumnSuggestionTests {
    static let headers = ["Full Name", "E-mail", "Start", "Time zone", "Company", "Notes"]

    @Test("suggests the nearest header, or nothing", arguments: [
        ("Email", "E-mail"),
        ("email", "E-mail"),
        ("FullName", "Full Name"),
        ("full_name", "Full Name"),
        ("Timezone", "Time zone"),
        ("Compnay", "Company"),
        ("Phone", nil),
        ("x", nil),
    ] as [(String, String?)])
    func nearest(name: String, expected: String?) {
        #expect(ColumnSuggestion.nearest(to: name, among: Self.headers) == expected)
    }
}
