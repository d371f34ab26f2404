import ArgumentParser
import Foundation
import GembaKit

struct CertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cert", abstract: "Certifications people hold (forklift, LOTO authorised, first aid...): issue, expiry, renewal.",
        subcommands: [CertAdd.self, CertList.self, CertDue.self])
}

struct CertAdd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Record a certificate a person holds (needs training.manage). A newer one of the same kind renews the older.")

    @Argument(help: "The certificate holder's user name.") var username: String
    @Option(help: "The kind of certificate (policies/training.yaml certifications).") var kind: String
    @Option(help: "The day it was issued (YYYY-MM-DD).") var issued: String
    @Option(help: "The last day it is valid (YYYY-MM-DD).") var expires: String
    @Option(help: "The certificate's number or the issuer's reference.") var reference: String?
    @OptionGroup var actor: ActorOptions
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        guard let issuedDay = Day(issued) else { throw GembaError(.invalidInput, "--issued '\(issued)' is not a date YYYY-MM-DD") }
        guard let expiresDay = Day(expires) else { throw GembaError(.invalidInput, "--expires '\(expires)' is not a date YYYY-MM-DD") }
        let added = try registerOptions.open().addCertification(
            NewCertification(username: username, kind: kind, issued: issuedDay, expires: expiresDay, reference: reference), by: try actor.username())
        if output.json { return try Output.json(added) }
        print("Recorded \(added.kindName) of \(added.name) (\(added.username)), issued \(added.issuedOn), valid until \(added.expiresOn)")
    }
}

struct CertList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Each person's current certificates (with --all, renewed ones too).")

    @Option(help: "Only this person's certificates.") var user: String?
    @Flag(help: "Include certificates a newer one has renewed.") var all = false
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let items = try registerOptions.open().certifications(user: user, includeRenewed: all)
        if output.json { return try Output.json(items) }
        if items.isEmpty { return print("No certificates recorded.") }
        CertPrinters.table(items)
    }
}

struct CertDue: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "due", abstract: "Certificates expired or due for renewal, soonest first (default window: each kind's renewal_warning_days).")

    @Option(help: "Days ahead to look, for every kind.") var within: Int?
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if let within, within < 0 || within > 3650 { throw ValidationError("--within must be 0 to 3650 days") }
    }

    func run() throws {
        let items = try registerOptions.open().certificationsDue(withinDays: within)
        if output.json { return try Output.json(items) }
        if items.isEmpty { return print("No certificate is expired or due for renewal.") }
        CertPrinters.table(items)
    }
}

enum CertPrinters {
    static func table(_ items: [CertificationView]) {
        Output.table(["USER", "NAME", "KIND", "ISSUED", "EXPIRES", "STATUS", "REFERENCE"], items.map { item in
            let status = item.status == "expired" ? "EXPIRED \(item.daysOverdue) d ago"
                : item.status == "renewal due" ? "renewal due (\(-item.daysOverdue) d left)" : item.status
            return [item.username, Output.clip(item.name, 22), item.kind, item.issuedOn, item.expiresOn, status, item.reference ?? ""]
        })
    }
}
