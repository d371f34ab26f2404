import ArgumentParser
import Foundation
import GembaKit

struct RequestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "request", abstract: "Administrative requests: purchase requisitions, work orders, contractor access, supply orders, system access.",
        subcommands: [RequestNew.self, RequestList.self, RequestShow.self, RequestApprove.self, RequestReject.self, RequestFulfil.self,
                      RequestCancel.self, RequestComment.self, RequestAgingCommand.self])
}

extension RequestStatus: ExpressibleByArgument {}

struct RequestNew: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "new", abstract: "Submit a request of a kind in policies/requests.yaml. Prints its ID (REQ-YYYY-NNNN).")

    @Argument(help: "The kind, e.g. purchase-requisition, contractor-access.") var kind: String
    @Option(help: "Title.") var title: String
    @Option(help: ArgumentHelp("A field of the kind as name=value; repeat for each.", valueName: "name=value")) var field: [String] = []
    @Option(help: "A holder of the kind's approver role who is to decide (default: any holder).") var approver: String?
    @OptionGroup var actor: ActorOptions
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        var fields: [String: String] = [:]
        for item in field {
            guard let equals = item.firstIndex(of: "="), equals != item.startIndex else {
                throw GembaError(.invalidInput, "--field '\(item)' must be name=value")
            }
            let name = String(item[..<equals])
            guard fields[name] == nil else { throw GembaError(.invalidInput, "--field \(name) is given twice") }
            fields[name] = String(item[item.index(after: equals)...])
        }
        let view = try registerOptions.open().submitRequest(NewRequest(kind: kind, title: title, fields: fields, approver: approver), by: try actor.username())
        if output.json { return try Output.json(view) }
        print(view.summary.id)
    }
}

struct RequestList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List requests, oldest first.")

    @Option(help: "Only this status: submitted, approved, rejected, fulfilled, cancelled.") var status: RequestStatus?
    @Option(help: "Only this kind.") var kind: String?
    @Option(help: "Only requests this person submitted or decides.") var person: String?
    @Flag(help: "Only open requests (submitted or approved).") var open = false
    @OptionGroup var actor: ActorOptions
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let register = try registerOptions.open()
        let list = try register.requests(RequestFilter(status: status, kind: kind, person: person, openOnly: open))
        if output.json { return try Output.json(list) }
        RequestPrinters.list(list)
    }
}

struct RequestShow: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show a request: details, signature, comments, next step.")

    @Argument var id: String
    @OptionGroup var actor: ActorOptions
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let view = try registerOptions.open().requestView(id)
        if output.json { return try Output.json(view) }
        RequestPrinters.request(view)
    }
}

struct RequestApprove: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "approve", abstract: "Approve a submitted request (an e-signature: asks for your password).")

    @Argument var id: String
    @Option(help: "A comment recorded with the signature.") var comment: String?
    @OptionGroup var password: PasswordOptions
    @OptionGroup var actor: ActorOptions
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let register = try registerOptions.open()
        let view = try register.approveRequest(id, signer: try CAPAPrinters.signer(actor, password), comment: comment)
        try RequestPrinters.signed(view, output.json)
    }
}

struct RequestReject: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "reject", abstract: "Reject a submitted request with the reason (an e-signature: asks for your password).")

    @Argument var id: String
    @Option(help: "Why the request is rejected.") var comment: String
    @OptionGroup var password: PasswordOptions
    @OptionGroup var actor: ActorOptions
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let register = try registerOptions.open()
        let view = try register.rejectRequest(id, signer: try CAPAPrinters.signer(actor, password), comment: comment)
        try RequestPrinters.signed(view, output.json)
    }
}

struct RequestFulfil: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "fulfil", abstract: "Record that an approved request was done.")

    @Argument var id: String
    @Option(help: "What was done: order number, work order, badge...") var note: String
    @OptionGroup var actor: ActorOptions
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let view = try registerOptions.open().fulfilRequest(id, note: note, by: try actor.username())
        try RequestPrinters.done(view, output.json)
    }
}

struct RequestCancel: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "cancel", abstract: "Withdraw an open request (its requester or an approver).")

    @Argument var id: String
    @Option(help: "Why it is withdrawn.") var reason: String
    @OptionGroup var actor: ActorOptions
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let view = try registerOptions.open().cancelRequest(id, reason: reason, by: try actor.username())
        try RequestPrinters.done(view, output.json)
    }
}

struct RequestComment: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "comment", abstract: "Add a comment to a request.")

    @Argument var id: String
    @Argument(help: "The comment.") var text: String
    @OptionGroup var actor: ActorOptions
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let view = try registerOptions.open().commentOnRequest(id, text: text, by: try actor.username())
        if output.json { return try Output.json(view) }
        print("\(view.summary.id): comment \(view.comments.last?.number ?? 0) added")
    }
}

struct RequestAgingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "aging", abstract: "Open requests by kind and by approver, with days open in buckets.")

    @OptionGroup var actor: ActorOptions
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let aging = try registerOptions.open().requestAging()
        if output.json { return try Output.json(aging) }
        RequestPrinters.aging(aging)
    }
}
