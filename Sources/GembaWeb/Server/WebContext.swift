import Foundation
import GembaKit
import Hummingbird
import NIOCore

/// What a request carries through the middleware to the page: the session and who is signed in.
public struct WebContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The client's address, for the trail of logins.
    let clientAddress: String?
    var session: WebSession?
    var visitor: SignedInPerson?
    /// The register's change stamp read when the visitor was checked (caches key on it).
    var changeStamp: Int64?
    /// Signed in with an API token rather than a browser session (no CSRF token needed).
    var viaToken = false

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        clientAddress = source.channel.remoteAddress?.ipAddress
    }
}
