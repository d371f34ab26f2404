import ArgumentParser
import Foundation
import GembaKit

struct DocCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doc", abstract: "Create, revise, read and retire controlled documents.",
        subcommands: [DocNew.self, DocRevise.self, DocEdit.self, DocShow.self, DocList.self, DocHistory.self, DocDiff.self, DocExport.self, DocObsolete.self, DocAreas.self, DocImport.self])
}

extension ChangeClass: ExpressibleByArgument {}

struct DocNew: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "new", abstract: "Create a document; its revision A starts as a draft. Prints the new ID.")

    @Option(help: "Document type from policies/document-types.yaml (SOP, WI, FORM, BOARD, POLICY, EXT).") var type: String
    @Option(help: "Title.") var title: String
    @Option(help: "The main content file (.md, .docx, .pdf, ... as the type allows).") var file: String
    @Option(help: "An attachment: PATH or NAME=PATH; repeat for several.") var attach: [String] = []
    @Option(help: "The owner (default: you).") var owner: String?
    @Option(help: "Why the document is created.") var reason: String = "Initial release"
    @Option(name: .customLong("class"), help: "Change class: major or minor.") var changeClass: ChangeClass = .major
    @Option(help: "Engineering-change (ECO) reference.") var eco: String?
    @Option(name: .customLong("review-interval"), help: "Periodic review interval in months (default: the type's).") var reviewInterval: Int?
    @Option(help: "A plant area or line the document applies to (policies/training.yaml areas); repeat for several.") var area: [String] = []
    @OptionGroup var actor: ActorOptions
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let username = try actor.username()
        let new = NewDocument(
            type: type, title: title, owner: owner, file: try FileArguments.mainFile(file), attachments: try attach.map(FileArguments.attachment),
            changeReason: reason, changeClass: changeClass, eco: eco, reviewIntervalMonths: reviewInterval, areas: area)
        let id = try registerOptions.open().createDocument(new, by: username)
        if output.json { try Output.json(["id": id, "revision": "A", "status": "draft"]) } else { print(id) }
    }
}

struct DocRevise: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "revise", abstract: "Open the next revision of an effective document as a draft.")

    @Argument(help: "Document ID, e.g. SOP-0007.") var id: String
    @Option(help: "Why it changes (recorded with the revision).") var reason: String
    @Option(name: .customLong("class"), help: "Change class: major or minor.") var changeClass: ChangeClass = .major
    @Option(help: "Engineering-change (ECO) reference.") var eco: String?
    @Option(help: "New main content file (default: a copy of the effective revision).") var file: String?
    @Option(help: "New title.") var title: String?
    @OptionGroup var actor: ActorOptions
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let request = RevisionRequest(changeReason: reason, changeClass: changeClass, eco: eco, file: try file.map(FileArguments.mainFile), title: title)
        let letter = try registerOptions.open().reviseDocument(id.uppercased(), request, by: try actor.username())
        if output.json { try Output.json(["id": id.uppercased(), "revision": letter, "status": "draft"]) } else { print("\(id.uppercased()) rev \(letter) is open as a draft") }
    }
}

struct DocEdit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit", abstract: "Save a new version of a document's draft (voids a review in progress).")

    @Argument var id: String
    @Option(help: "New main content file.") var file: String?
    @Option(help: "Add or replace an attachment: PATH or NAME=PATH.") var attach: [String] = []
    @Option(name: .customLong("remove-attachment"), help: "Remove an attachment by name.") var removeAttachment: [String] = []
    @Option(help: "New title.") var title: String?
    @Option(help: "New change reason.") var reason: String?
    @OptionGroup var actor: ActorOptions
    @OptionGroup var registerOptions: RegisterOptions

    func run() throws {
        let edit = DraftEdit(
            file: try file.map(FileArguments.mainFile), addAttachments: try attach.map(FileArguments.attachment),
            removeAttachments: removeAttachment, title: title, changeReason: reason)
        try registerOptions.open().editDraft(id.uppercased(), edit, by: try actor.username())
        print("Saved the draft of \(id.uppercased())")
    }
}

struct DocShow: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show a document: status, signatures and content.")

    @Argument var id: String
    @Option(help: "A revision letter (default: the effective one, else the newest).") var revision: String?
    @Flag(name: .customLong("no-content"), help: "Leave out the content.") var noContent = false
    @OptionGroup var actor: ActorOptions
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let register = try registerOptions.open()
        let detail = try register.document(id)
        try register.recordRead(detail.summary.id, what: "doc show", by: actor.optionalUsername)
        let letter = revision?.uppercased() ?? detail.current?.revision
        guard let shown = detail.revisions.first(where: { $0.revision == letter }) else {
            throw GembaError(.notFound, "\(detail.summary.id) has no revision \(letter ?? "?"); `gemba doc history \(detail.summary.id)` lists them")
        }
        let content = noContent ? nil : try register.content(detail.summary.id, revision: shown.revision)
        if output.json {
            return try Output.json(DocumentShown(detail.summary, shown, content: content))
        }
        Printers.documentHeader(detail, shown)
        if let content {
            print("")
            Printers.content(content)
        }
    }
}

struct DocList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List documents.")

    @Option(help: "Only this type.") var type: String?
    @Option(help: "Only this status (draft, in_review, approved, effective, obsolete).") var status: String?
    @Option(help: "Only this owner.") var owner: String?
    @Option(help: "Only titles or IDs containing this text.") var search: String?
    @Option(help: "Only documents that apply to this area or line.") var area: String?
    @OptionGroup var actor: ActorOptions
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let register = try registerOptions.open()
        let documents = try register.documents(DocumentFilter(type: type, status: status, owner: owner, search: search, area: area))
        try register.recordRead("documents", what: "doc list", by: actor.optionalUsername)
        if output.json { return try Output.json(documents) }
        Output.table(["ID", "REV", "STATUS", "PENDING", "NEXT REVIEW", "OWNER", "TITLE"], documents.map { d in
            let pending = d.latestRevision != d.effectiveRevision && d.latestStatus != "withdrawn" ? "\(d.latestRevision) \(d.latestStatus)" : ""
            return [d.id, d.effectiveRevision ?? "-", d.status, pending, d.nextReviewDue ?? "-", d.ownerName, Output.clip(d.title, 60)]
        })
    }
}

struct DocHistory: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "history", abstract: "List a document's revisions with who, when, why and signatures.")

    @Argument var id: String
    @OptionGroup var actor: ActorOptions
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let register = try registerOptions.open()
        let detail = try register.document(id)
        try register.recordRead(detail.summary.id, what: "doc history", by: actor.optionalUsername)
        if output.json { return try Output.json(detail) }
        Printers.history(detail)
    }
}

struct DocDiff: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "diff", abstract: "Show what changed between two revisions: metadata and a unified diff.")

    @Argument var id: String
    @Argument(help: "The older revision letter.") var from: String
    @Argument(help: "The newer revision letter.") var to: String
    @OptionGroup var actor: ActorOptions
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let register = try registerOptions.open()
        let diff = try register.diff(id, from: from, to: to)
        try register.recordRead(diff.document, what: "doc diff \(diff.from) \(diff.to)", by: actor.optionalUsername)
        if output.json { return try Output.json(diff) }
        print("\(diff.document) rev \(diff.from) -> rev \(diff.to)")
        for change in diff.metadata { print("  \(change.field): \(change.old.isEmpty ? "-" : change.old) -> \(change.new.isEmpty ? "-" : change.new)") }
        print("")
        print(diff.patch, terminator: diff.patch.hasSuffix("\n") ? "" : "\n")
    }
}

struct DocExport: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "export", abstract: "Write a revision's original files, byte for byte, into a folder.")

    @Argument var id: String
    @Option(help: "A revision letter (default: the effective one).") var revision: String?
    @Option(help: "The folder to write into (created if missing).") var output: String

    @OptionGroup var actor: ActorOptions
    @OptionGroup var registerOptions: RegisterOptions

    func run() throws {
        let register = try registerOptions.open()
        let content = try register.content(id, revision: revision)
        try register.recordRead(content.document, what: "doc export rev \(content.revision)", by: actor.optionalUsername)
        let folder = URL(fileURLWithPath: output)
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), !isFolder.boolValue {
            throw GembaError(.invalidInput, "--output \(folder.path) is a file; give a folder to write the files into")
        }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw GembaError(.invalidInput, "cannot create the folder \(folder.path): \(error.localizedDescription)")
        }
        // Names come from the register, which only stores checked plain names.
        try content.main.write(to: folder.appendingPathComponent(content.mainFile), options: .atomic)
        for file in content.attachments { try file.data.write(to: folder.appendingPathComponent(file.name), options: .atomic) }
        print("Wrote \(content.document) rev \(content.revision): \(([content.mainFile] + content.attachments.map(\.name)).joined(separator: ", ")) to \(folder.path)")
    }
}

struct DocObsolete: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "obsolete", abstract: "Ask for approval to make a document obsolete (it leaves main when signed).")

    @Argument var id: String
    @Option(help: "Why the document is retired.") var reason: String
    @OptionGroup var actor: ActorOptions
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let cycle = try registerOptions.open().requestObsolete(id.uppercased(), reason: reason, by: try actor.username())
        if output.json { return try Output.json(cycle) }
        print("Obsolescence of \(cycle.document) is awaiting the '\(cycle.step ?? "-")' step (\(cycle.stepRole ?? "-")), due \(cycle.stepDue ?? "-")")
    }
}

private struct DocumentAreas: Encodable {
    let document: String
    let areas: [String]
}

struct DocAreas: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "areas", abstract: "Show the areas or lines a document applies to, or set them with --set L2,L3 (--set '' for none).")

    @Argument(help: "Document ID, e.g. SOP-0007.") var id: String
    @Option(help: "The areas, comma-separated (policies/training.yaml areas).") var set: String?
    @OptionGroup var actor: ActorOptions
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let register = try registerOptions.open()
        let areas = try set.map { try register.setDocumentAreas(id, to: $0.split(separator: ",").map(String.init), by: try actor.username()) }
            ?? register.documentAreas(id)
        let document = id.uppercased()
        if output.json { return try Output.json(DocumentAreas(document: document, areas: areas)) }
        print("\(document): \(areas.isEmpty ? "no area" : areas.joined(separator: ", "))")
    }
}
