import ArgumentParser
import Foundation
import GembaKit

/// `gemba token new|list|revoke`: tokens for the JSON API.
struct TokenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "API tokens for /api/v1 (Authorization: Bearer ...).",
        subcommands: [TokenNewCommand.self, TokenListCommand.self, TokenRevokeCommand.self])
}

struct TokenNewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "new", abstract: "Issue a token to yourself (your password proves it is you); it is shown once.")
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var actor: ActorOptions
    @OptionGroup var passwordOptions: PasswordOptions
    @Option(help: ArgumentHelp("What the token is for (shown in lists).", valueName: "text")) var label: String
    @Option(help: ArgumentHelp("Days until it expires (1-366).", valueName: "days")) var days = 90

    func run() throws {
        let register = try registerOptions.open()
        let username = try actor.username()
        let issued = try register.issueAPIToken(label: label, days: days, signer: SignerCredentials(username: username, password: try passwordOptions.password(for: username)))
        print(issued.token)
        FileHandle.standardError.write(Data("Token \(issued.view.id) for \(username), expires \(issued.view.expiresAt). It is not shown again.\n".utf8))
    }
}

struct TokenListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List API tokens (yours, or everyone's with --all).")
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var actor: ActorOptions
    @OptionGroup var output: OutputOptions
    @Flag(help: "Every person's tokens.") var all = false

    func run() throws {
        let register = try registerOptions.open()
        let tokens = try register.apiTokens(of: all ? nil : try actor.username())
        if output.json { return try Output.json(tokens) }
        for token in tokens {
            print("\(token.id)  \(token.username)  \(token.label)  expires \(token.expiresAt)\(token.revokedAt.map { "  revoked \($0)" } ?? "")")
        }
        if tokens.isEmpty { print("No API tokens.") }
    }
}

struct TokenRevokeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "revoke", abstract: "Revoke an API token (your own, or anyone's as an administrator).")
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var actor: ActorOptions
    @Argument(help: "The token's ID (from `gemba token list`).") var id: String

    func run() throws {
        let register = try registerOptions.open()
        let token = try register.revokeAPIToken(id, by: try actor.username())
        print("Revoked API token \(token.id) of \(token.username).")
    }
}
