import Foundation
import Hummingbird
import NIOCore

/// The style sheet: the only static file, embedded in the binary.
extension RouteTable {
    func addStaticRoutes() {
        let css = ByteBuffer(string: Stylesheet.css)
        let etag = "\"\(Stylesheet.css.utf8.reduce(UInt64(14_695_981_039_346_656_037)) { ($0 ^ UInt64($1)) &* 1_099_511_628_211 })\""
        get("/static/gemba.css", .anyone, "The style sheet") { request in
            if request.request.headers[.ifNoneMatch] == etag { return Response(status: .notModified) }
            var response = Response(status: .ok, body: ResponseBody(byteBuffer: css))
            response.headers[.contentType] = "text/css; charset=utf-8"
            response.headers[.cacheControl] = "public, max-age=3600"
            response.headers[.eTag] = etag
            return response
        }
        get("/health", .anyone, "Liveness check for a load balancer: `ok`") { _ in
            var response = Response(status: .ok, body: ResponseBody(byteBuffer: ByteBuffer(string: "ok\n")))
            response.headers[.contentType] = "text/plain; charset=utf-8"
            return response
        }
    }
}
