import ArgumentParser
import Foundation
import GembaKit

struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Manage the people who use the register.",
        subcommands: [UserAdd.self, UserList.self, UserUnlock.self])
}

struct UserAdd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Add a user with roles and a password (from the terminal, or --password-stdin).")

    @Argument(help: "The user name (lowercase, e.g. alice or j.novak).") var username: String
    @Option(help: "The printed name used in signature manifestations (default: the user name).") var name: String?
    @Option(help: "E-mail address (used as the git author address).") var email: String?
    @Option(name: .long, help: "A role from policies/roles.yaml; repeat for several.") var role: [String] = []
    @OptionGroup var password: PasswordOptions
    @OptionGroup var actor: ActorOptions
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let register = try registerOptions.open()
        let secret = try password.password(for: username)
        let person = try register.addUser(
            NewUser(username: username, name: name ?? username, email: email, roles: role, password: secret), by: actor.optionalUsername)
        if output.json { try Output.json(person) } else { print("Added \(person.username) (\(person.name)), roles: \(person.roles.joined(separator: ", "))") }
    }
}

struct UserList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the users and their roles.")

    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let people = try registerOptions.open().users()
        if output.json { return try Output.json(people) }
        Output.table(["USER", "NAME", "ROLES", "STATE"], people.map {
            [$0.username, $0.name, $0.roles.joined(separator: ","), $0.locked ? "locked" : ($0.active ? "active" : "inactive")]
        })
    }
}

struct UserUnlock: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "unlock", abstract: "Unlock an account locked by failed signature attempts.")

    @Argument var username: String
    @Option(help: "Why the account is unlocked (recorded in the audit trail).") var reason: String = "identity confirmed by administrator"
    @OptionGroup var actor: ActorOptions
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let person = try registerOptions.open().unlockUser(username, by: try actor.username(), reason: reason)
        if output.json { try Output.json(person) } else { print("Unlocked \(person.username)") }
    }
}
