import ArgumentParser
import Foundation
import GembaKit
import GembaWeb
import Logging

/// `gemba serve`: the web application on a register.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the web application (pages and the JSON API) on a register.",
        discussion: "Listens on 127.0.0.1:8080 by default. Put a TLS reverse proxy in front of it for other machines, and pass --secure-cookies then.")

    @OptionGroup var registerOptions: RegisterOptions
    @Option(help: ArgumentHelp("The address to listen on.", valueName: "address")) var host = "127.0.0.1"
    @Option(help: ArgumentHelp("The port to listen on.", valueName: "port")) var port = 8080
    @Flag(help: "Mark cookies Secure and send HSTS (clients reach Gemba over HTTPS through a proxy).") var secureCookies = false
    @Flag(help: "Print the permission table (routes and who may use them) as Markdown and exit.") var routes = false

    func validate() throws {
        guard (1...65535).contains(port) else { throw ValidationError("--port must be 1-65535") }
    }

    func run() async throws {
        // Opening first gives the CLI's one-line errors for a missing or newer register.
        _ = try registerOptions.open()
        let configuration = WebConfiguration(register: registerOptions.url, host: host, port: port, secureCookies: secureCookies)
        if routes {
            print(try await WebApplication.buildRouter(configuration).1.markdownTable(), terminator: "")
            return
        }
        let app = try await WebApplication.build(configuration)
        FileHandle.standardOutput.write(Data("Gemba serves \(registerOptions.url.path) at http://\(host):\(port)/ (Ctrl-C stops it)\n".utf8))
        try await app.runService()
    }
}
