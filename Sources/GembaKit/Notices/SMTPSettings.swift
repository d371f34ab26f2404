import Foundation
import Yams

/// How the SMTP connection is protected.
public enum SMTPSecurity: String, Sendable, CaseIterable {
    /// Plain SMTP, for a relay on the plant network (port 25).
    case none
    /// Plain connect, then STARTTLS before anything else is sent (port 587); refused when not offered.
    case starttls
    /// TLS from the first byte (port 465).
    case implicit

    var defaultPort: Int {
        switch self {
        case .none: 25
        case .starttls: 587
        case .implicit: 465
        }
    }
}

/// Where e-mail notices are sent from, and how: `smtp` of policies/notifications.yaml.
public struct SMTPSettings: Sendable, Equatable {
    public let host: String
    public let port: Int
    public let from: String
    public let helo: String
    public let tls: SMTPSecurity
    /// A PEM file with the CA certificate(s) that issue the relay's certificate (a plant's internal
    /// CA); nil: the system trust store. The certificate and the host name are always checked.
    public let caFile: String?
    /// The SMTP AUTH user (PLAIN or LOGIN, only over TLS); nil: no AUTH.
    public let username: String?
    /// The name of the environment variable holding the password: the policy file is in git, so
    /// the password never is.
    public let passwordEnvironment: String?

    public init(
        host: String, port: Int, from: String, helo: String, tls: SMTPSecurity = .none, caFile: String? = nil, username: String? = nil,
        passwordEnvironment: String? = nil
    ) {
        self.host = host
        self.port = port
        self.from = from
        self.helo = helo
        self.tls = tls
        self.caFile = caFile
        self.username = username
        self.passwordEnvironment = passwordEnvironment
    }

    /// Reads the `smtp` mapping; every problem names the file and line.
    static func parse(_ doc: YAMLDocument, _ node: Node) throws -> SMTPSettings {
        if let password = try doc.mapping(node, "smtp")["password"] {
            throw doc.error(password, "a password never goes into the policy file (it is in git): put it in an environment variable of `gemba notices deliver` and name that variable with password_env")
        }
        try doc.allowOnly(node, ["host", "port", "from", "helo", "tls", "ca_file", "username", "password_env"])
        let tlsText = try doc.optionalString(node, "tls") ?? SMTPSecurity.none.rawValue
        guard let tls = SMTPSecurity(rawValue: tlsText) else {
            throw doc.error(try doc.child(node, "tls"), "tls must be none, starttls (port 587) or implicit (port 465), not '\(tlsText)'")
        }
        let from = try doc.string(node, "from")
        guard NotificationPolicy.isAddress(from) else { throw doc.error(try doc.child(node, "from"), "'\(from)' is not an e-mail address") }
        let host = try doc.string(node, "host")
        guard host.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "-" || $0 == ":") }) else {
            throw doc.error(try doc.child(node, "host"), "'\(host)' is not a host name or address")
        }
        let helo = try doc.optionalString(node, "helo") ?? "gemba.localdomain"
        guard helo.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "-") }), !helo.isEmpty else {
            throw doc.error(try doc.child(node, "helo"), "helo '\(helo)' must be a host name (letters, digits, '.' and '-')")
        }
        let caFile = try doc.optionalString(node, "ca_file")
        if let caFile {
            let caNode = try doc.child(node, "ca_file")
            guard tls != .none else { throw doc.error(caNode, "ca_file is only used with tls: starttls or implicit") }
            guard caFile.hasPrefix("/") else { throw doc.error(caNode, "ca_file must be an absolute path to a PEM file, not '\(caFile)'") }
        }
        let username = try doc.optionalString(node, "username")
        let passwordEnvironment = try doc.optionalString(node, "password_env")
        if let username {
            let userNode = try doc.child(node, "username")
            guard tls != .none else {
                throw doc.error(userNode, "SMTP AUTH (username) needs tls: starttls or implicit; gemba never sends a password in clear")
            }
            guard !username.isEmpty, !username.contains(where: { $0.isNewline || $0 == "\u{0}" }) else { throw doc.error(userNode, "username must be one line of text") }
            guard passwordEnvironment != nil else { throw doc.error(userNode, "username needs password_env: the name of the environment variable that holds the password") }
        }
        if let passwordEnvironment {
            let envNode = try doc.child(node, "password_env")
            guard username != nil else { throw doc.error(envNode, "password_env needs a username") }
            guard passwordEnvironment.wholeMatch(of: /[A-Za-z_][A-Za-z0-9_]{0,63}/) != nil else {
                throw doc.error(envNode, "password_env is the NAME of an environment variable (letters, digits, '_'), such as GEMBA_SMTP_PASSWORD, not the password")
            }
        }
        return SMTPSettings(
            host: host, port: try doc.optionalInt(node, "port", range: 1...65_535) ?? tls.defaultPort, from: from, helo: helo, tls: tls,
            caFile: caFile, username: username, passwordEnvironment: passwordEnvironment)
    }
}
