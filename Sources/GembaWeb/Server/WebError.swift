import GembaKit
import HTTPTypes
import Hummingbird

/// An error the web app answers with a status and one line for the person.
struct WebError: Error, Sendable {
    let status: HTTPResponse.Status
    let message: String

    static func badRequest(_ message: String) -> WebError { WebError(status: .badRequest, message: message) }
    static func notFound(_ message: String) -> WebError { WebError(status: .notFound, message: message) }
    static func forbidden(_ message: String) -> WebError { WebError(status: .forbidden, message: message) }
    static let signInNeeded = WebError(status: .unauthorized, message: "sign in first")
    static let csrf = WebError(status: .forbidden, message: "the form's security token is missing or stale; reload the page and try again")
}

extension WebError {
    /// The status and message for any error a page or an API call met.
    init(_ error: any Error) {
        switch error {
        case let error as WebError:
            self = error
        case let error as GembaError:
            self.init(status: Self.status(of: error.kind), message: error.message)
        case let error as HTTPError:
            self.init(status: error.status, message: error.body ?? error.status.reasonPhrase)
        case let error as any HTTPResponseError where error.status == .contentTooLarge:
            self.init(status: .contentTooLarge, message: "the request is larger than this server accepts (web.max_upload_mb in policies/register.yaml for uploads, 1 MiB for forms)")
        case let error as any HTTPResponseError:
            self.init(status: error.status, message: error.status.reasonPhrase)
        default:
            self.init(status: .internalServerError, message: "the server met an unexpected error; it is in the server's log")
        }
    }

    static func status(of kind: GembaError.Kind) -> HTTPResponse.Status {
        switch kind {
        case .notFound: .notFound
        case .invalidInput, .policy: .badRequest
        case .permission: .forbidden
        case .authentication: .unauthorized
        case .locked: .init(code: 423, reasonPhrase: "Locked")
        case .conflict, .state: .conflict
        case .busy: .serviceUnavailable
        case .integrity, .register, .storage: .internalServerError
        }
    }
}
