import Foundation
import GembaKit
import HTTPTypes
import Testing
@testable import GembaWeb

@Suite("KPI page")
struct KPIPageTests {
    static let range = "line=L1&from=2026-03-03&to=2026-03-04&by=day"

    @Test("trend charts of the report's rows with the board's target, the downtime Pareto and the figures")
    func charts() async throws {
        try await withWebApp { fixture, browser in
            try fixture.loadProduction()
            try await browser.logIn("otto")
            let page = try await browser.get("/kpi?\(Self.range)")
            #expect(page.status == .ok)
            #expect(page.body.components(separatedBy: "<svg class=\"chart\"").count - 1 == 7, "six trends and the Pareto")
            for name in ["OEE · L1", "Availability · L1", "Performance · L1", "Quality · L1", "Schedule attainment · L1", "Scrap ratio · L1"] {
                #expect(page.body.contains("<title>\(name)</title>"), "\(name)")
            }
            #expect(page.body.components(separatedBy: "<line class=\"target\"").count - 1 == 1, "only OEE has a target on the board")
            #expect(page.body.contains("target 79.0 %"))
            #expect(page.body.contains(">03-03</text>") && page.body.contains(">03-04</text>"))
            #expect(page.body.contains("<rect class=\"bar\"") && page.body.contains("<polyline class=\"cumulative\""))
            #expect(page.body.contains("<td>JAM</td><td>unplanned</td><td class=\"num\">65</td><td class=\"num\">2</td>"))
            let report = try fixture.register.kpiReport(KPIQuery(lines: ["L1"], from: Day(year: 2026, month: 3, day: 3), to: Day(year: 2026, month: 3, day: 4), by: .day))
            let oee = try #require(report.targets.first { $0.kpi == "oee" && $0.from == "2026-03-03" })
            #expect(page.body.contains("<td class=\"num \(oee.status.rawValue)\">\(BriefingRenderer.percent(oee.value))</td>"))
            #expect(page.body.contains("href=\"/kpi.csv?\(Self.range.replacingOccurrences(of: "&", with: "&amp;"))\""))
            #expect(!page.body.contains("style=") && !page.body.contains("<script"))
        }
    }

    @Test("defaults: the first line over the four weeks up to yesterday; the plant as a whole; bad choices refused")
    func choices() async throws {
        try await withWebApp { fixture, browser in
            try fixture.loadProduction()
            try await browser.logIn("alice")
            let page = try await browser.get("/kpi")
            #expect(page.status == .ok)
            #expect(page.body.contains("KPIs · L1 <span class=\"muted\">2026-02-05 to 2026-03-04</span>"))
            let weekly = try await browser.get("/kpi?line=all&from=2026-03-02&to=2026-03-08&by=week")
            #expect(weekly.status == .ok && weekly.body.contains("<title>OEE · plant</title>") && weekly.body.contains(">wk 03-02</text>"))
            #expect(try await browser.get("/kpi?by=year").status == .badRequest)
            let unknown = try await browser.get("/kpi?line=L9")
            #expect(unknown.status == .badRequest && unknown.shows("unknown line 'L9'"), "\(unknown.body)")
            #expect(try await browser.get("/kpi?from=2026-03-05&to=2026-03-01").status == .badRequest)
        }
    }

    @Test("the CSV download is the report's rows, with a server-chosen name")
    func csv() async throws {
        try await withWebApp { fixture, browser in
            try fixture.loadProduction()
            try await browser.logIn("otto")
            let file = try await browser.get("/kpi.csv?\(Self.range)")
            #expect(file.status == .ok)
            #expect(file.headers[.contentDisposition] == "attachment; filename=\"kpi-L1-2026-03-03-2026-03-04.csv\"")
            #expect(file.headers[.xContentTypeOptions] == "nosniff")
            let report = try fixture.register.kpiReport(KPIQuery(lines: ["L1"], from: Day(year: 2026, month: 3, day: 3), to: Day(year: 2026, month: 3, day: 4), by: .day))
            #expect(file.body == KPIRow.csv(report.rows))
            #expect(file.body.hasPrefix("line,from,to,plannedOperationTimeMin,") && file.body.components(separatedBy: "\r\n").count == 4)
            let odd = try await browser.get("/kpi.csv?line=..%2Fetc&from=2026-03-03&to=2026-03-04")
            #expect(odd.status == .badRequest, "an unknown line is refused before any file is named")
        }
    }

    @Test("assessors are refused; logged out goes to the login")
    func refused() async throws {
        try await withWebApp { _, browser in
            for path in ["/kpi", "/kpi.csv"] {
                #expect(try await browser.get(path).location?.hasPrefix("/login") == true, "\(path)")
            }
            try await browser.logIn("sam")
            #expect(try await browser.get("/kpi").status == .forbidden)
            #expect(try await browser.get("/kpi.csv").status == .forbidden)
        }
    }
}
