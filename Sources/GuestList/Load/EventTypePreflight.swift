import Foundation

/// The check before sending (SPEC §1): each distinct `eventTypeId` once, with `GET /v1/event_types/{uid}`, so
/// that a mistyped id stops the command before anything is booked. It follows the loader's rules: a 429 waits
/// (`Retry-After` honoured) without counting; a lost answer or a 5xx is tried again with the same backoff and
/// jitter source, up to `maxAttempts`, after which the API counts as unreachable; 401/403 stops at once. A stop
/// signal ends it promptly, in a request or in a backoff.
public struct EventTypePreflight {
    /// What the check found.
    public enum Verdict: Sendable, Equatable {
        /// Every event type exists.
        case allExist
        /// This one answered 404.
        case missing(String)
        /// The check could not finish: the run stops early with this reason (nothing sent).
        case stopped(LoadEnd)
    }

    public var api: any BookingAPI
    public var limits: LoadLimits
    public var random: any RandomNumberGenerator & Sendable

    public init(api: any BookingAPI, limits: LoadLimits, random: any RandomNumberGenerator & Sendable = SystemRandomNumberGenerator()) {
        self.api = api
        self.limits = limits
        self.random = random
    }

    /// Checks `eventTypeIDs` (each once, in order), unless `stop` fires first.
    public func check(_ eventTypeIDs: some Sequence<String>, stop: StopSignal) async -> Verdict {
        var random = self.random
        let policy = RetryPolicy(maxAttempts: limits.maxAttempts)
        let api = self.api
        var seen = Set<String>()
        for uid in eventTypeIDs where seen.insert(uid).inserted {
            var failures = 0
            var throttles = 0
            while true {
                guard let answer = await Self.unlessStopped(stop, { await api.eventTypeExists(uid: uid) }) else {
                    return .stopped(.interrupted)
                }
                let delay: Double
                switch ReadOutcome(answer, path: "/v1/event_types/\(uid)") {
                case .value(true):
                    break
                case .value(false):
                    return .missing(uid)
                case .unauthorized(let status, let message):
                    return .stopped(.unauthorized("The API refused the key (HTTP \(status)): \(message)"))
                case .failed(let message):
                    return .stopped(.unreachable("The event type \(uid) could not be checked: \(message)"))
                case .throttled(let retryAfter):
                    throttles += 1
                    delay = policy.throttleDelay(retryAfter: retryAfter, consecutive: throttles, unit: Self.unit(&random), now: Date())
                    guard await Self.sleep(delay, unlessStopped: stop) else { return .stopped(.interrupted) }
                    continue
                case .transient(let message), .unreachable(let message):
                    failures += 1
                    guard policy.mayRetry(transientAttempts: failures) else {
                        return .stopped(.unreachable("The API could not be reached after \(failures) tries: \(message)"))
                    }
                    delay = policy.backoff(consecutive: failures, unit: Self.unit(&random))
                    guard await Self.sleep(delay, unlessStopped: stop) else { return .stopped(.interrupted) }
                    continue
                }
                break
            }
        }
        return .allExist
    }

    private static func unit(_ random: inout any RandomNumberGenerator & Sendable) -> Double {
        Double.random(in: 0..<1, using: &random)
    }

    /// Sleeps `seconds`; false when `stop` fired first.
    static func sleep(_ seconds: Double, unlessStopped stop: StopSignal) async -> Bool {
        await unlessStopped(stop) { try? await Task.sleep(nanoseconds: UInt64(max(0, seconds) * 1e9)) } != nil
    }

    /// Runs `operation` unless `stop` fires first, in which case the operation is cancelled and nil returned.
    static func unlessStopped<T: Sendable>(_ stop: StopSignal, _ operation: @escaping @Sendable () async -> T) async -> T? {
        guard !stop.isFired else { return nil }
        return await withTaskGroup(of: T?.self) { group in
            group.addTask { await operation() }
            group.addTask {
                await stop.wait()
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
    }
}
