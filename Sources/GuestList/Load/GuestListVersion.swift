/// guestlist's version, sent as User-Agent and shown by `--version`.
public enum GuestListVersion {
    public static let current = "0.1.0"
}
