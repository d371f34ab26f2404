import Foundation

/// An audit checklist template, `policies/audit-checklist-<name>.yaml`.
public struct ChecklistTemplate: Sendable, Equatable {
    public struct Item: Sendable, Equatable {
        public let id: String
        public let clause: String
        public let question: String
    }

    public let name: String
    public let standard: String
    public let title: String
    public let items: [Item]

    static func fileName(_ name: String) -> String { "audit-checklist-\(name).yaml" }

    static func parse(_ data: Data, name: String) throws -> ChecklistTemplate {
        let doc = try YAMLDocument(file: "policies/\(fileName(name))", data: data)
        try doc.allowOnly(doc.root, ["standard", "title", "items"])
        var seen = Set<String>()
        let items = try doc.sequence(doc.root, "items").map { node in
            try doc.allowOnly(node, ["id", "clause", "question"])
            let id = try doc.string(node, "id")
            guard id.wholeMatch(of: /[A-Za-z0-9][A-Za-z0-9.\-]{0,19}/) != nil else {
                throw doc.error(try doc.child(node, "id"), "item id '\(id)' must be 1-20 letters, digits, '.' or '-'")
            }
            guard seen.insert(id).inserted else { throw doc.error(node, "item id '\(id)' is used twice") }
            return Item(id: id, clause: try doc.string(node, "clause"), question: try doc.string(node, "question"))
        }
        guard !items.isEmpty else { throw doc.error(doc.root, "the checklist has no items") }
        return ChecklistTemplate(name: name, standard: try doc.string(doc.root, "standard"), title: try doc.string(doc.root, "title"), items: items)
    }
}

extension Register {
    /// The checklist template `name` (`iso9001` reads `policies/audit-checklist-iso9001.yaml`).
    public func checklistTemplate(_ name: String) throws -> ChecklistTemplate {
        guard name.wholeMatch(of: /[a-z0-9][a-z0-9\-]{0,39}/) != nil else {
            throw GembaError.invalid("--checklist '\(name)' must be a template name such as iso9001 (policies/audit-checklist-NAME.yaml)")
        }
        guard let data = try policyFile(ChecklistTemplate.fileName(name)) else {
            throw GembaError.notFound("this register has no checklist template policies/\(ChecklistTemplate.fileName(name)); add it to the register's policies")
        }
        return try ChecklistTemplate.parse(data, name: name)
    }
}
