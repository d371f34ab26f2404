import Foundation

/// What an author hands in to create a document.
public struct NewDocument: Sendable {
    public var type: String
    public var title: String
    public var owner: String?
    /// The main file; only its extension is kept (the register names it `<ID>.<ext>`).
    public var file: ContentFile
    public var attachments: [ContentFile]
    public var changeReason: String
    public var changeClass: ChangeClass
    public var eco: String?
    public var reviewIntervalMonths: Int?
    /// Keep an existing document number (migration from another system); nil takes the next free one.
    public var number: Int?
    /// The plant areas or lines the document applies to (policies/training.yaml `areas`).
    public var areas: [String]

    public init(
        type: String, title: String, owner: String? = nil, file: ContentFile, attachments: [ContentFile] = [],
        changeReason: String = "Initial release", changeClass: ChangeClass = .major, eco: String? = nil,
        reviewIntervalMonths: Int? = nil, number: Int? = nil, areas: [String] = []
    ) {
        self.number = number
        self.areas = areas
        self.type = type
        self.title = title
        self.owner = owner
        self.file = file
        self.attachments = attachments
        self.changeReason = changeReason
        self.changeClass = changeClass
        self.eco = eco
        self.reviewIntervalMonths = reviewIntervalMonths
    }
}

/// A new revision of an effective document.
public struct RevisionRequest: Sendable {
    public var changeReason: String
    public var changeClass: ChangeClass
    public var eco: String?
    /// New content; nil copies the effective revision's files.
    public var file: ContentFile?
    public var attachments: [ContentFile]?
    public var title: String?

    public init(changeReason: String, changeClass: ChangeClass, eco: String? = nil, file: ContentFile? = nil, attachments: [ContentFile]? = nil, title: String? = nil) {
        self.changeReason = changeReason
        self.changeClass = changeClass
        self.eco = eco
        self.file = file
        self.attachments = attachments
        self.title = title
    }
}

/// A save of a draft: any field left nil keeps its value.
public struct DraftEdit: Sendable {
    public var file: ContentFile?
    public var addAttachments: [ContentFile]
    public var removeAttachments: [String]
    public var title: String?
    public var changeReason: String?

    public init(file: ContentFile? = nil, addAttachments: [ContentFile] = [], removeAttachments: [String] = [], title: String? = nil, changeReason: String? = nil) {
        self.file = file
        self.addAttachments = addAttachments
        self.removeAttachments = removeAttachments
        self.title = title
        self.changeReason = changeReason
    }
}

enum InputChecks {
    static func title(_ title: String) throws -> String {
        let trimmed = title.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, trimmed.count <= 200, !trimmed.contains(where: \.isNewline) else {
            throw GembaError.invalid("--title must be one line of 1-200 characters")
        }
        return trimmed
    }

    static func reason(_ reason: String) throws -> String {
        let trimmed = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, trimmed.count <= 2000 else {
            throw GembaError.invalid("--reason must say why (1-2000 characters)")
        }
        return trimmed
    }

    static func eco(_ eco: String?) throws -> String? {
        guard let eco else { return nil }
        guard eco.wholeMatch(of: /[A-Za-z0-9][A-Za-z0-9._\/-]{0,39}/) != nil else {
            throw GembaError.invalid("--eco '\(eco)' must be an engineering-change number such as ECO-2026-014")
        }
        return eco
    }

    /// The main file must be one of the type's file kinds; text kinds must be UTF-8, and board
    /// content must be valid board YAML.
    static func content(_ file: ContentFile, type: DocumentType) throws {
        let kind = file.fileExtension
        guard type.fileKinds.contains(kind) else {
            throw GembaError.invalid("\(file.name): a \(type.code) must be one of \(type.fileKinds.joined(separator: ", ")) (policies/document-types.yaml)")
        }
        if ["md", "yaml", "csv", "txt"].contains(kind), String(data: file.data, encoding: .utf8) == nil {
            throw GembaError.invalid("\(file.name): not UTF-8 text")
        }
        if type.code == "BOARD" { try BoardContent.validate(file) }
        guard file.data.count <= 100 * 1024 * 1024 else {
            throw GembaError.invalid("\(file.name): larger than 100 MB")
        }
    }
}
