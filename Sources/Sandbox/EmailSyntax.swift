/// The sandbox's email check: the HTML standard's valid-email syntax, a local part of at
/// most 64 and a whole of at most 255 scalars, and a dotted domain (`user@localhost` is
/// refused, as Jicoo refuses it). Written by hand rather than as a regex so it is cheap and
/// obviously `Sendable`.
enum EmailSyntax {
    private static let localCharacters = Set(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.!#$%&'*+/=?^_`{|}~-".unicodeScalars)
    private static let labelCharacters = Set(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-".unicodeScalars)

    static func isValid(_ email: String) -> Bool {
        let scalars = Array(email.unicodeScalars)
        guard scalars.count <= 255, let at = scalars.firstIndex(of: "@") else { return false }
        let local = scalars[..<at]
        let domain = String(String.UnicodeScalarView(scalars[(at + 1)...]))
        guard !local.isEmpty, local.count <= 64, local.allSatisfy(localCharacters.contains) else { return false }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2 else { return false }
        return labels.allSatisfy(isValidLabel)
    }

    /// A DNS label: 1–63 letters, digits or hyphens, not starting or ending with a hyphen.
    private static func isValidLabel(_ label: Substring) -> Bool {
        let scalars = label.unicodeScalars
        guard (1...63).contains(scalars.count), scalars.first != "-", scalars.last != "-" else { return false }
        return scalars.allSatisfy(labelCharacters.contains)
    }
}
