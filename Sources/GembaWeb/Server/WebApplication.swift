import Foundation
import GembaKit
import Hummingbird
import Logging

/// Builds the web application on a register: the router with every page and API route, and
/// the server around it. `gemba serve` runs it; tests drive the same router in process.
public enum WebApplication {
    public static func build(_ configuration: WebConfiguration, logger: Logger = Logger(label: "gemba.web")) async throws -> some ApplicationProtocol {
        let (router, _) = try await buildRouter(configuration)
        return Application(
            router: router,
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "Gemba"),
            logger: logger)
    }

    /// The router and its permission table.
    public static func buildRouter(_ configuration: WebConfiguration) async throws -> (Router<WebContext>, [AccessRule]) {
        let site = try await WebSite(configuration: configuration)
        let router = Router(context: WebContext.self)
        router.add(middleware: SessionMiddleware(site: site))
        let routes = RouteTable(router: router, site: site)
        routes.addStaticRoutes()
        routes.addLoginRoutes()
        routes.addDashboardRoutes()
        routes.addDocumentRoutes()
        routes.addReviewRoutes()
        routes.addBriefingRoutes()
        routes.addMeetingRoutes()
        routes.addActionRoutes()
        routes.addKPIRoutes()
        routes.addScheduleRoutes()
        routes.addTrainingRoutes()
        routes.addAuditRoutes()
        routes.addCAPARoutes()
        routes.addBundleRoutes()
        routes.addRequestRoutes()
        routes.addOnboardingRoutes()
        routes.addAccountAPI()
        routes.addDocumentAPI()
        routes.addReviewAPI()
        routes.addTrainingAPI()
        routes.addAuditAPI()
        routes.addCAPAAPI()
        routes.addKPIAPI()
        routes.addScheduleAPI()
        routes.addActionAPI()
        routes.addOpenAPIDocument()
        router.add(middleware: APIMethodMiddleware(catalog: routes.apiCatalog))
        return (router, routes.rules)
    }
}
