import GuestList
import GuestListTerminal
import Testing

@Suite struct StatusListTests {
    @Test func parsesAStatusList() throws {
        #expect(try StatusList.parse("invalid,failed,conflict") == [.invalid, .failed, .conflict])
        #expect(try StatusList.parse(" Failed , ,PENDING ") == [.failed, .pending])
    }

    @Test(arguments: ["invalid,faild", "created;failed", ",", ""])
    func rejectsABadStatusList(text: String) {
        #expect {
            try StatusList.parse(text)
        } throws: { error in
            guard let error = error as? GuestListError, error.code == .usage else { return false }
            return (error.hint ?? "").contains("created, conflict, invalid, duplicate, skipped, failed, pending")
        }
    }

    @Test func unknownStatusIsNamed() {
        do {
            _ = try StatusList.parse("invalid,faild")
            Issue.record("expected an error")
        } catch {
            #expect(error.message.contains("`faild`"))
        }
    }

    @Test func formatParsing() throws {
        #expect(try ReportFormatName.parse("HTML") == .html)
        #expect(throws: GuestListError.self) { try ReportFormatName.parse("xlsx") }
    }
}
