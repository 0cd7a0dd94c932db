import Testing
@testable import GuestList

@Suite("EmailNormalizer")
struct EmailNormalizerTests {
    let emails = EmailNormalizer()

    static let accepted: [(String, String)] = [
        ("jane@example.com", "jane@example.com"),
        ("  jane@example.com\n", "jane@example.com"),
        ("Jane.Doe@Example.COM", "Jane.Doe@example.com"),
        ("mailto:jane@example.com", "jane@example.com"),
        ("MAILTO:jane@example.com?subject=Hi", "jane@example.com"),
        ("Jane Doe <jane@example.com>", "jane@example.com"),
        ("\"Doe, Jane\" <jane@example.com>", "jane@example.com"),
        ("<jane@example.com>", "jane@example.com"),
        ("Jane <mailto:jane@example.com>", "jane@example.com"),
        ("\"jane@example.com\"", "jane@example.com"),
        ("ｊｏｈｎ＠ｅｘａｍｐｌｅ．ｃｏｍ", "john@example.com"),
        ("ｊｏｈｎ＠ＥＸＡＭＰＬＥ．ｃｏｍ", "john@example.com"),
        ("　jane@example.com　", "jane@example.com"),
        ("jane@example。com", "jane@example.com"),
        ("jane@bücher.example", "jane@xn--bcher-kva.example"),
        ("jane@BÜCHER.example", "jane@xn--bcher-kva.example"),
        ("jane@例え.テスト", "jane@xn--r8jz45g.xn--zckzah"),
        ("jane@münchen.de", "jane@xn--mnchen-3ya.de"),
        ("田中 <tanaka@例え.jp>", "tanaka@xn--r8jz45g.jp"),
        ("user+tag@example.co.jp", "user+tag@example.co.jp"),
        ("o'brien@example.ie", "o'brien@example.ie"),
        ("a!#$%&'*+/=?^_`{|}~-@example.com", "a!#$%&'*+/=?^_`{|}~-@example.com"),
        ("x@a-b.example", "x@a-b.example"),
        ("x@123.example", "x@123.example"),
        (String(repeating: "a", count: 64) + "@example.com", String(repeating: "a", count: 64) + "@example.com"),
    ]

    @Test("accepted addresses and what is sent", arguments: accepted)
    func accepts(_ raw: String, _ sent: String) {
        #expect(emails.normalize(raw) == .success(sent))
    }

    static let refused: [(String, String)] = [
        ("", "missing"), ("   ", "missing"), ("jane.example.com", "no @"), ("jane@", "nothing after"),
        ("@example.com", "nothing before"), ("user@localhost", "no dot"), ("jane@@example.com", "second @"),
        ("ja ne@example.com", "space"), ("jane(at)example.com", "no @"), ("jane@exa_mple.com", "invalid domain"),
        ("jane@-example.com", "invalid domain"), ("jane@example-.com", "invalid domain"), ("jane@example..com", "invalid domain"),
        ("jane@.example.com", "invalid domain"), ("jane@example.com.", "invalid domain"), ("jäne@example.com", "non-ASCII"),
        ("Jane <jane@example.com", "never closes"), ("jane,doe@example.com", "character ,"),
        (String(repeating: "a", count: 65) + "@example.com", "65 characters before the @"),
        ("a@" + String(repeating: "b", count: 64) + ".com", "invalid domain"),
        ("a@" + Array(repeating: String(repeating: "b", count: 60), count: 5).joined(separator: ".") + ".com", "at most 255"),
        ("jane@exam ple.com", "invalid domain"),
    ]

    @Test("refused addresses say which part is wrong", arguments: refused)
    func refuses(_ raw: String, _ reason: String) {
        switch emails.normalize(raw) {
        case .success(let value): Issue.record("accepted \(raw) as \(value)")
        case .failure(let failure): #expect(failure.message.contains(reason), "\(failure.message)")
        }
    }

    @Test("the whole address may be 255 characters, not 256")
    func wholeLength() {
        let label63 = String(repeating: "b", count: 63)
        let domain = [label63, label63, label63, String(repeating: "c", count: 61)].joined(separator: ".")   // 253
        let valid = "a@" + domain
        #expect(valid.count == 255)
        #expect((try? emails.normalize(valid).get()) == valid)
        #expect(throws: NormalizationFailure.self) { try emails.normalize("a" + valid).get() }
    }

    static let typos: [(String, String?)] = [
        ("jane@gmial.com", "gmail.com"), ("jane@gmai.com", "gmail.com"), ("jane@gmail.con", "gmail.com"),
        ("jane@yaho.com", "yahoo.com"), ("jane@hotmial.com", "hotmail.com"), ("jane@outlok.com", "outlook.com"),
        ("jane@yahoo.co.jpp", "yahoo.co.jp"), ("jane@docomo.ne.jo", "docomo.ne.jp"),
        ("jane@gmail.com", nil), ("jane@example.com", nil), ("jane@ymail.com", nil), ("jane@email.com", nil),
        ("jane@company.co.jp", nil),
    ]

    @Test("a likely typo of a common domain is a warning, not a rejection", arguments: typos)
    func typo(_ email: String, _ suggestion: String?) {
        let warning = emails.typoWarning(for: email)
        if let suggestion {
            #expect(warning?.contains("did you mean \(suggestion)?") == true, "\(String(describing: warning))")
        } else {
            #expect(warning == nil)
        }
        #expect((try? emails.normalize(email).get()) == email)
    }

    static let lists: [(String, String?, [String], Int)] = [
        ("a@example.com, b@example.com", nil, ["a@example.com", "b@example.com"], 0),
        ("a@example.com;b@example.com", nil, ["a@example.com", "b@example.com"], 0),
        ("a@example.com b@example.com\nc@example.com\r\nd@example.com", nil,
         ["a@example.com", "b@example.com", "c@example.com", "d@example.com"], 0),
        ("\"Doe, Jane\" <jane@example.com>, Bob <bob@example.com>", nil, ["jane@example.com", "bob@example.com"], 0),
        ("a@example.com, A@EXAMPLE.COM, a@example.com", nil, ["a@example.com"], 0),
        ("me@example.com, other@example.com", "Me@Example.com", ["other@example.com"], 0),
        ("ａ＠ｅｘａｍｐｌｅ．ｃｏｍ，ｂ＠ｅｘａｍｐｌｅ．ｃｏｍ", nil, ["a@example.com", "b@example.com"], 0),
        ("a@example.com, broken, user@localhost", nil, ["a@example.com"], 2),
        (" , ; ", nil, [], 0),
    ]

    @Test("ccEmails lists: split, normalized, de-duplicated, without the guest", arguments: lists)
    func list(_ raw: String, _ own: String?, _ expected: [String], _ failures: Int) {
        let result = emails.normalizeList(raw, excluding: own)
        #expect(result.emails == expected)
        #expect(result.failures.count == failures)
    }

    @Test("Punycode matches RFC 3492's samples", arguments: [
        ("bücher", "bcher-kva"), ("münchen", "mnchen-3ya"), ("例え", "r8jz45g"), ("テスト", "zckzah"),
        ("ليهمابتكلموشعربي؟", "egbpdaj6bu4bxfgehfvwxn"), ("他们为什么不说中文", "ihqwcrb4cv8a8dqg056pqjye"),
    ])
    func punycode(_ label: String, _ encoded: String) {
        #expect(Punycode.encode(label) == encoded)
    }
}
