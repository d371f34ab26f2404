import Foundation
import GembaGit
import GembaKit
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
@testable import GembaWeb

/// The repository's `policies/` folder, found from this file's place in the checkout.
let policyFolder = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("policies", isDirectory: true)

/// 2026-03-02 09:00 UTC, a Monday.
let startOfWebTests = Day(year: 2026, month: 3, day: 2).start.addingTimeInterval(9 * 3600)

let webPassword = "correct horse battery"

/// The people of every web test register: user name, printed name, roles.
let webStaff: [(String, String, [String])] = [
    ("ada", "Ada Admin", ["admin"]),
    ("alice", "Alice Author", ["author"]),
    ("carl", "Carl Coordinator", ["coordinator"]),
    ("rita", "Rita Reviewer", ["reviewer"]),
    ("pete", "Pete Approver", ["approver"]),
    ("quinn", "Quinn Quality", ["quality"]),
    ("otto", "Otto Operator", ["operator"]),
]

/// A register in a temporary folder with the staff above, one released SOP, one draft, an
/// audit with an assessor (`sam`), and a manual clock.
final class WebFixture: @unchecked Sendable {
    let folder: URL
    let root: URL
    let clock: ManualClock
    let register: Register
    /// A released (effective) SOP written by alice.
    let released: String
    /// A draft SOP by alice.
    let draft: String
    let audit: String

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("gembaweb-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        root = folder.appendingPathComponent("register", isDirectory: true)
        clock = ManualClock(startOfWebTests)
        var (_, files) = try Policies.load(directory: policyFolder)
        let settings = String(decoding: files["register.yaml"] ?? Data(), as: UTF8.self)
        files["register.yaml"] = Data(settings.replacing(/scrypt_n: *\d+/, with: "scrypt_n: 1024").utf8)
        register = try Register.create(
            at: root, policyFiles: files, setupBy: GitPerson(name: "Ada Admin", email: "ada@example.com", time: startOfWebTests), clock: clock)
        for (username, name, roles) in webStaff {
            try register.addUser(NewUser(username: username, name: name, roles: roles, password: webPassword),
                                 by: username == "ada" ? nil : SignerCredentials(username: "ada", password: webPassword))
        }
        let text = "# Purpose\n\nTorque the <wheel> nuts & check.\n\n1. Torque to 120 Nm.\n"
        released = try register.createDocument(
            NewDocument(type: "SOP", title: "Torque the wheel nuts", file: try ContentFile(name: "c.md", data: Data(text.utf8))), by: "alice")
        _ = try register.startRevisionReview(released, signer: webCredentials("alice"))
        _ = try register.sign(released, meaning: .reviewed, signer: webCredentials("rita"))
        _ = try register.sign(released, meaning: .approved, signer: webCredentials("pete"))
        draft = try register.createDocument(
            NewDocument(type: "SOP", title: "Line clearance", file: try ContentFile(name: "c.md", data: Data("# Steps\n\n1. Clear.\n".utf8))), by: "alice")
        let today = Day(clock.now())
        audit = try register.createAudit(
            NewAudit(kind: .surveillance, title: "Surveillance audit", standard: "ISO 9001:2015", clauses: "7.5", leadAuditor: "Sam Assessor",
                     startsOn: today, endsOn: today.addingDays(5)), by: "carl")
        _ = try register.addAssessor(audit, NewAssessor(username: "sam", name: "Sam Assessor", password: webPassword), by: webCredentials("carl"))
    }

    func credentials(_ username: String) -> SignerCredentials { webCredentials(username) }

    deinit { try? FileManager.default.removeItem(at: folder) }

    var configuration: WebConfiguration { WebConfiguration(register: root, clock: clock) }
}

func webCredentials(_ username: String) -> SignerCredentials { SignerCredentials(username: username, password: webPassword) }

/// Builds the router on a fresh fixture and runs `body` with a client for it.
func withWebApp(_ body: @escaping @Sendable (WebFixture, WebClient) async throws -> Void) async throws {
    let fixture = try WebFixture()
    let (router, rules) = try await WebApplication.buildRouter(fixture.configuration)
    let app = Application(router: router)
    try await app.test(.router) { client in
        try await body(fixture, WebClient(client: client, rules: rules))
    }
}

/// A response read into what tests look at.
struct Page: Sendable {
    let status: HTTPResponse.Status
    let headers: HTTPFields
    let body: String

    var location: String? { headers[.location] }

    /// The value of a hidden `csrf` field on the page.
    var csrfToken: String? {
        guard let range = body.range(of: #"name="csrf" value=""#) else { return nil }
        let rest = body[range.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }
}

/// A browser-like client: keeps its cookies, sends forms.
final class WebClient: @unchecked Sendable {
    let client: any TestClientProtocol
    let rules: [AccessRule]
    private var cookies: [String: String] = [:]
    private(set) var csrf: String?

    init(client: any TestClientProtocol, rules: [AccessRule]) {
        self.client = client
        self.rules = rules
    }

    /// A second browser with no cookies, on the same server.
    func fresh() -> WebClient { WebClient(client: client, rules: rules) }

    @discardableResult
    func request(_ method: HTTPRequest.Method, _ path: String, form: [String: String]? = nil, headers extra: HTTPFields = [:], body: ByteBuffer? = nil) async throws -> Page {
        var headers = extra
        if !cookies.isEmpty { headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ") }
        var payload = body
        if let form {
            headers[.contentType] = "application/x-www-form-urlencoded"
            payload = ByteBuffer(string: form.map { "\(Self.encode($0.key))=\(Self.encode($0.value))" }.sorted().joined(separator: "&"))
        }
        let response = try await client.execute(uri: path, method: method, headers: headers, body: payload)
        for field in response.headers[values: .setCookie] {
            let pair = field.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { continue }
            let name = String(pair[0])
            if pair[1].isEmpty || field.contains("Max-Age=0") { cookies[name] = nil } else { cookies[name] = String(pair[1]) }
        }
        let page = Page(status: response.status, headers: response.headers, body: String(buffer: response.body))
        if let token = page.csrfToken { csrf = token }
        return page
    }

    @discardableResult
    func get(_ path: String) async throws -> Page { try await request(.get, path) }

    /// Posts a form with the session's CSRF token (unless `csrf: false`).
    @discardableResult
    func post(_ path: String, _ fields: [String: String] = [:], csrf withToken: Bool = true) async throws -> Page {
        var fields = fields
        if withToken, let csrf { fields["csrf"] = csrf }
        return try await request(.post, path, form: fields)
    }

    /// Logs in through the login form, as a browser does.
    @discardableResult
    func logIn(_ username: String, password: String = webPassword) async throws -> Page {
        _ = try await get("/login")
        let page = try await post("/login", ["username": username, "password": password])
        _ = try await get("/")
        return page
    }

    var hasSession: Bool { cookies[WebSite.sessionCookie] != nil }

    var cookieHeader: String { cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ") }

    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? ""
    }
}

extension WebClient {
    /// The `Cookie` header this browser sends (to replay it from another client).
    var sessionCookieHeader: String { cookieHeader }
}
