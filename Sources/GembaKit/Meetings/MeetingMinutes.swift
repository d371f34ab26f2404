import Foundation

public enum MinutesFormat: String, Sendable, CaseIterable {
    case markdown, html
}

extension Register {
    /// The minutes of a meeting as Markdown or self-contained HTML (draft until they are issued).
    public func meetingMinutes(_ id: String, format: MinutesFormat) throws -> String {
        let view = try meetingView(id)
        switch format {
        case .markdown: return MeetingMinutes.markdown(view)
        case .html: return MeetingMinutes.html(view)
        }
    }
}

/// The minutes' content, shared by the Markdown and HTML forms.
enum MeetingMinutes {
    static func title(_ view: MeetingView) -> String {
        "Minutes: \(view.summary.title), \(view.summary.heldOn)"
    }

    static func facts(_ view: MeetingView) -> [(String, String)] {
        var facts = [("Meeting", view.summary.id), ("Series", "\(view.summary.series) (\(view.kindName))")]
        if let line = view.line { facts.append(("Line", line)) }
        facts += [("Date", view.summary.heldOn), ("Facilitator", "\(view.facilitatorName) (\(view.summary.facilitator))"), ("Status", status(view))]
        return facts
    }

    static func status(_ view: MeetingView) -> String {
        guard let issuedAt = view.issuedAt, let by = view.issuedBy else {
            return "DRAFT: \(view.summary.status), minutes not issued"
        }
        return "Minutes issued by \(view.issuedByName ?? by) (\(by)) on \(readable(issuedAt))"
    }

    static func attendance(_ view: MeetingView) -> [(String, String)] {
        [("Present", "present"), ("Excused", "excused"), ("Absent", "absent"), ("Not recorded", "invited")].compactMap { label, status in
            let people = view.attendance.filter { $0.status == status }.map { "\($0.name) (\($0.username))" }
            return people.isEmpty ? nil : (label, people.joined(separator: ", "))
        }
    }

    /// Template items with the updates recorded under them, then updates under no agenda item.
    static func sections(_ view: MeetingView) -> (items: [(String, [StatusUpdateView])], other: [StatusUpdateView]) {
        let template = view.agenda.filter { $0.action == nil }
        let titles = Set(template.map { $0.title.lowercased() })
        let items = template.map { item in (item.title, view.updates.filter { $0.topic?.lowercased() == item.title.lowercased() }) }
        return (items, view.updates.filter { !titles.contains($0.topic?.lowercased() ?? "") })
    }

    static func update(_ update: StatusUpdateView) -> String {
        "\(update.subject)\(update.rating.map { " [\($0.uppercased())]" } ?? ""): \(update.text)"
    }

    static func footer(_ view: MeetingView) -> String? {
        guard let hash = view.minutesHash else { return nil }
        return "Content SHA-256 when issued: \(hash) (checked by gemba verify)"
    }

    static func readable(_ timestamp: String) -> String {
        Timestamp.parse(timestamp).map(Timestamp.readable) ?? timestamp
    }

    // MARK: Markdown

    static func markdown(_ view: MeetingView) -> String {
        var lines = ["# \(md(title(view)))", "", "| | |", "| --- | --- |"]
        lines += facts(view).map { "| \($0.0) | \(md($0.1)) |" }
        lines += ["", "## Attendance", ""]
        lines += attendance(view).map { "- **\($0.0):** \(md($0.1))" }
        let (items, other) = sections(view)
        lines += ["", "## Agenda", ""]
        for (index, item) in items.enumerated() {
            lines.append("\(index + 1). \(md(item.0))")
            lines += item.1.map { "    - \(md(update($0)))" }
        }
        if !other.isEmpty {
            lines += ["", "## Other status updates", ""]
            lines += other.map { "- \(md(update($0)))" }
        }
        lines += ["", "## Decisions", ""]
        lines += view.decisions.isEmpty ? ["None."] : view.decisions.map { "\($0.number). \(md($0.text))" }
        lines += ["", "## Action items raised", ""]
        if view.actions.isEmpty {
            lines.append("None.")
        } else {
            lines += ["| ID | Action | Owner | Due | Priority | Status |", "| --- | --- | --- | --- | --- | --- |"]
            lines += view.actions.map { "| \($0.id) | \(md($0.text)) | \(md($0.ownerName)) | \($0.dueOn) | \($0.priority) | \($0.status) |" }
        }
        let carried = view.agenda.filter { $0.action != nil }
        lines += ["", "## Open action items carried over", ""]
        if carried.isEmpty {
            lines.append("None.")
        } else {
            lines += ["| Item | State when the agenda was made |", "| --- | --- |"]
            lines += carried.map { "| \(md($0.title)) | \(md($0.detail ?? "")) |" }
        }
        if let footer = footer(view) { lines += ["", "---", "", md(footer)] }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Escapes Markdown syntax and table pipes; a line break becomes a space.
    static func md(_ text: String) -> String {
        var out = ""
        for character in text {
            if character.isNewline {
                out.append(" ")
            } else if "\\`*_[]<>|#".contains(character) {
                out.append("\\")
                out.append(character)
            } else {
                out.append(character)
            }
        }
        return out
    }
}
