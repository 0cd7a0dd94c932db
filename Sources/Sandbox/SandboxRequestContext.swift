import Hummingbird

/// The request context of the sandbox's router: Hummingbird's basic context plus the means to
/// close the TCP connection, which the "drop" fault needs (a booking is created, then the
/// client never hears about it, as when a network fails after the server committed).
struct SandboxRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// Closes this request's connection without writing a response.
    let closeConnection: @Sendable () -> Void

    init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        let channel = source.channel
        self.closeConnection = { channel.close(promise: nil) }
    }
}
