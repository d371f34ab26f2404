import ArgumentParser
import Foundation
import GembaKit

struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Manage the people who use the register.",
        subcommands: [UserAdd.self, UserList.self, UserPasswd.self, UserUnlock.self, UserRoles.self, UserAreas.self])
}

struct UserAdd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Add a user with roles and a password.",
        discussion: """
            The first user of a register is its administrator and needs no --as. After that an administrator adds \
            users: gemba asks for the administrator's password, then the new user's. With --password-stdin the \
            first line of standard input is the administrator's password and the second the new user's (only the \
            new user's for the first user).
            """)

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
        var administrator: SignerCredentials?
        if try register.hasAdministrator() {
            let admin = try actor.username()
            administrator = SignerCredentials(username: admin, password: try password.password(for: admin))
        }
        let secret = try password.newPassword(for: username)
        let person = try register.addUser(
            NewUser(username: username, name: name ?? username, email: email, roles: role, password: secret), by: administrator)
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
    @OptionGroup var password: PasswordOptions
    @OptionGroup var actor: ActorOptions
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let register = try registerOptions.open()
        let admin = try actor.username()
        let person = try register.unlockUser(username, by: SignerCredentials(username: admin, password: try password.password(for: admin)), reason: reason)
        if output.json { try Output.json(person) } else { print("Unlocked \(person.username)") }
    }
}

struct UserPasswd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "passwd", abstract: "Change a password: your own (with your current one), or any as an administrator.",
        discussion: "With --password-stdin the first line is the acting user's current password and the second the new password.")

    @Argument(help: "Whose password (default: the acting user).") var username: String?
    @OptionGroup var password: PasswordOptions
    @OptionGroup var actor: ActorOptions
    @OptionGroup var registerOptions: RegisterOptions

    func run() throws {
        let register = try registerOptions.open()
        let acting = try actor.username()
        let target = username ?? acting
        let current = try password.password(for: acting)
        let new = try password.newPassword(for: target)
        try register.changePassword(of: target, to: new, by: SignerCredentials(username: acting, password: current))
        print("Changed the password of \(target)")
    }
}

struct UserRoles: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "roles", abstract: "Give or take roles (administrator's password); a new role's training is assigned at once.")

    @Argument var username: String
    @Option(name: .long, help: "A role to give; repeat for several.") var add: [String] = []
    @Option(name: .long, help: "A role to take away; repeat for several.") var remove: [String] = []
    @Option(help: "Why (recorded in the audit trail).") var reason: String?
    @OptionGroup var password: PasswordOptions
    @OptionGroup var actor: ActorOptions
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if add.isEmpty && remove.isEmpty { throw ValidationError("give --add ROLE or --remove ROLE") }
    }

    func run() throws {
        let register = try registerOptions.open()
        let admin = try actor.username()
        let change = try register.changeRoles(
            of: username, add: add, remove: remove, reason: reason, by: SignerCredentials(username: admin, password: try password.password(for: admin)))
        if output.json { return try Output.json(change) }
        print("\(change.person.username) now has roles: \(change.person.roles.joined(separator: ", "))")
        if !change.training.assigned.isEmpty || !change.training.cancelled.isEmpty { TrainingPrinters.changes(change.training) }
    }
}

private struct PersonAreas: Encodable {
    let user: String
    let areas: [String]
}

struct UserAreas: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "areas", abstract: "Show a person's areas or lines, or set them with --set L2,L3 (--set '' for none).")

    @Argument var username: String
    @Option(help: "The areas, comma-separated (policies/training.yaml areas).") var set: String?
    @OptionGroup var actor: ActorOptions
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let register = try registerOptions.open()
        let areas: [String]
        if let set {
            areas = try register.setAreas(of: username, to: set.split(separator: ",").map(String.init), by: try actor.username())
        } else {
            areas = try register.areas(of: username)
        }
        if output.json { return try Output.json(PersonAreas(user: username, areas: areas)) }
        print("\(username): \(areas.isEmpty ? "no area" : areas.joined(separator: ", "))")
    }
}
