import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Posts a notice to an incoming webhook (Teams or Slack): JSON `{"text": ...}`.
struct WebhookClient {
    let timeout: Int

    /// The longest a POST may take before it counts as failed, in seconds.
    static func longestPost(timeout: Int) -> Int { timeout + 5 }

    /// The HTTP status code; throws `DeliveryError` when no answer came.
    func post(_ url: URL, text: String) throws -> Int {
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: TimeInterval(timeout))
        request.httpMethod = "POST"
        request.setValue("application/json; charset=utf-8", forHTTPHeaderField: "Content-Type")
        request.httpBody = try JSONSerialization.data(withJSONObject: ["text": text], options: [.withoutEscapingSlashes])
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = TimeInterval(timeout)
        configuration.timeoutIntervalForResource = TimeInterval(timeout)
        let session = URLSession(configuration: configuration)
        defer { session.finishTasksAndInvalidate() }
        let box = WebhookAnswer()
        let done = DispatchSemaphore(value: 0)
        session.dataTask(with: request) { _, response, error in
            box.set(status: (response as? HTTPURLResponse)?.statusCode, error: error.map { $0.localizedDescription })
            done.signal()
        }.resume()
        guard done.wait(timeout: .now() + .seconds(WebhookClient.longestPost(timeout: timeout))) == .success else { throw DeliveryError("no answer within \(timeout) s") }
        let (status, error) = box.get()
        guard let status else { throw DeliveryError(error ?? "no HTTP response") }
        return status
    }
}

/// The answer handed from URLSession's delegate queue to the waiting caller.
private final class WebhookAnswer: @unchecked Sendable {
    private let lock = NSLock()
    private var status: Int?
    private var error: String?

    func set(status: Int?, error: String?) { lock.withLock { (self.status, self.error) = (status, error) } }
    func get() -> (Int?, String?) { lock.withLock { (status, error) } }
}
