import ArgumentParser
import Foundation
import GembaKit

struct DocImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Bring documents approved on paper in as effective documents: a folder of files and a CSV of metadata, all or nothing.",
        discussion: """
            The CSV has one row per document and a header naming its columns: file (relative to FOLDER), type, title, \
            effective_date, approved_by (required); id, owner, areas, revision, approved_on, next_review, \
            review_interval_months, change_reason, eco (optional). You sign the migration once with your password \
            (meaning "\(Register.migrationMeaning)"). See docs/user-guide.md, "Importing documents".
            """)

    @Argument(help: "The folder holding the files (the CSV names them relative to it).") var folder: String
    @Option(help: "The CSV of metadata, one row per document.") var metadata: String
    @Option(help: "Why the documents are imported (recorded with the import).") var reason: String?
    @OptionGroup var actor: ActorOptions
    @OptionGroup var password: PasswordOptions
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let username = try actor.username()
        let register = try registerOptions.open()
        let secret = try password.password(for: username)
        let result = try register.importDocuments(
            folder: URL(fileURLWithPath: folder), metadata: URL(fileURLWithPath: metadata),
            signer: SignerCredentials(username: username, password: secret), reason: reason)
        if output.json { return try Output.json(result) }
        print("Imported \(result.documents.count) document\(result.documents.count == 1 ? "" : "s") from \(result.source) (import \(result.importId), commit \(result.commit.prefix(12)))")
        print(result.signature.manifestation)
        Output.table(["LINE", "ID", "REV", "EFFECTIVE", "NEXT REVIEW", "FILE"], result.documents.map {
            [String($0.line), $0.id, $0.revision, $0.effectiveDate, $0.nextReviewDue, $0.file]
        })
    }
}
