import Testing

/// Every end-to-end suite runs one test at a time: each starts real processes and servers, and the
/// timing checks (a lock held, a signal within 10 s) should not compete with each other for 2 cores.
@Suite(.serialized)
enum EndToEnd {}
