import Foundation

/// Where one person stands on one document they must read.
public enum TrainingCellStatus: String, Codable, Sendable, CaseIterable {
    /// Signed "read and understood" for the effective revision (or the last one that needed training).
    case trained
    /// An assignment is open and not yet past its due date.
    case due
    /// An assignment is open and past its due date.
    case overdue
    /// Required, but no assignment exists (for example after the policy changed).
    case unassigned
}

/// People by documents: who has read what they must (`gemba training matrix`).
public struct TrainingMatrix: Codable, Sendable, Equatable {
    public struct Person: Codable, Sendable, Equatable {
        public let username: String
        public let name: String
        public let roles: [String]
        public let areas: [String]
    }

    public struct Document: Codable, Sendable, Equatable {
        public let id: String
        public let title: String
        public let type: String
        /// The effective revision, or the approved one when none is effective yet.
        public let revision: String
        public let requiredRoles: [String]
    }

    /// One person on one document; pairs where the person need not read the document have no cell.
    public struct Cell: Codable, Sendable, Equatable {
        public let username: String
        public let document: String
        public let status: TrainingCellStatus
        /// The revision the status is about: the one signed, or the one to read.
        public let revision: String
        public let dueDate: String?
        public let signedAt: String?
        public let daysOverdue: Int?
    }

    public let date: String
    public let role: String?
    public let area: String?
    public let people: [Person]
    public let documents: [Document]
    public let cells: [Cell]
    /// Cells per status.
    public let counts: [String: Int]

    init(date: String, role: String?, area: String?, people: [Person], documents: [Document], cells: [Cell]) {
        self.date = date
        self.role = role
        self.area = area
        self.people = people
        self.documents = documents
        self.cells = cells
        counts = Dictionary(uniqueKeysWithValues: TrainingCellStatus.allCases.map { status in (status.rawValue, cells.filter { $0.status == status }.count) })
    }

    public func cell(_ username: String, _ document: String) -> Cell? {
        cells.first { $0.username == username && $0.document == document }
    }

    /// The matrix for a spreadsheet: one row per person, one column per document; a cell reads
    /// `trained rev B YYYY-MM-DD` (the revision and the day signed), `due YYYY-MM-DD`, `overdue YYYY-MM-DD`, `not assigned`,
    /// or is empty when the person need not read the document. RFC 4180 quoting; a cell starting
    /// with `=`, `+`, `-` or `@` gets a leading `'` so a spreadsheet never runs it as a formula.
    public func csv() -> String {
        let lookup = Dictionary(cells.map { ("\($0.username)\u{0}\($0.document)", $0) }, uniquingKeysWith: { first, _ in first })
        var lines = [(["user", "name", "roles", "areas"] + documents.map { "\($0.id) rev \($0.revision)" }).map(TrainingMatrix.field).joined(separator: ",")]
        for person in people {
            let values = documents.map { document -> String in
                guard let cell = lookup["\(person.username)\u{0}\(document.id)"] else { return "" }
                switch cell.status {
                case .trained: return "trained rev \(cell.revision) \(cell.signedAt.map { String($0.prefix(10)) } ?? "")"
                case .due: return "due \(cell.dueDate ?? "")"
                case .overdue: return "overdue \(cell.dueDate ?? "")"
                case .unassigned: return "not assigned"
                }
            }
            let row = [person.username, person.name, person.roles.joined(separator: " "), person.areas.joined(separator: " ")] + values
            lines.append(row.map(TrainingMatrix.field).joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    static func field(_ text: String) -> String {
        var value = text
        if let first = value.first, "=+-@\t\r".contains(first) { value = "'" + value }
        guard value.contains(where: { ",\"\r\n".contains($0) }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
