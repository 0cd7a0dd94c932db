import GuestList

/// Quoting of words for a POSIX shell, for the commands the summary tells a person to paste.
public enum ShellQuote {
    /// `word` unchanged when a shell would read it as one word as it is, else in single quotes
    /// (with any `'` written as `'\''`): `/data/spring summit.ledger.sqlite` becomes
    /// `'/data/spring summit.ledger.sqlite'`.
    public static func quoted(_ word: String) -> String {
        let safe = word.unicodeScalars.allSatisfy { scalar in
            ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                || "_-./:@%+=,".unicodeScalars.contains(scalar)
        }
        if safe && !word.isEmpty { return word }
        return "'" + word.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'"
    }
}
