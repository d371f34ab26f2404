import ArgumentParser
import Foundation
import GembaKit

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init", abstract: "Create a new, empty register with the default (or given) policies.")

    @OptionGroup var registerOptions: RegisterOptions
    @Option(help: ArgumentHelp("Folder with the policy YAML files to copy into the register (default: the policies shipped with gemba).", valueName: "dir"))
    var policies: String?
    @OptionGroup var output: OutputOptions

    func run() throws {
        let folder = try Locations.find("policies", explicit: policies, environment: "GEMBA_POLICIES", marker: "document-types.yaml")
        let (_, files) = try Policies.load(directory: folder)
        let register = try Register.create(at: registerOptions.url, policyFiles: files, policyDirectory: folder.path, setupBy: Register.operatingSystemPerson())
        if output.json {
            try Output.json(["register": register.root.path, "document_types": register.policies.documentTypes.map(\.code).joined(separator: ",")])
        } else {
            print("Created register \(register.root.path) with policies from \(folder.path)")
            print("Next: add the first administrator with `gemba user add NAME --name \"Full Name\" --role admin --register \(register.root.path)`")
        }
    }
}
