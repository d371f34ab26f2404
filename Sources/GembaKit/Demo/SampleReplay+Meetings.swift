import Foundation
import GRDB

extension SampleReplay {
    /// 90 days of meetings of the sample plant (`SampleMeetingScript`): weekly operations and
    /// monthly quality reviews, tier-1/2/3 daily meetings in the last two weeks, action items
    /// done, cancelled, in progress and overdue at every escalation level, and today's tier-3
    /// meeting planned with the items it carries over.
    func scheduleMeetings() throws {
        guard policies.roles.values.contains(where: { $0.permissions.contains(.meetingManage) }) else { return }
        let ids = SampleActionIDs()
        for series in SampleMeetingScript.series {
            schedule(at(Double(series.startedDaysAgo), plus: 7 * 3600)) {
                _ = try self.register.addMeetingSeries(
                    NewMeetingSeries(id: series.key, kind: series.kind, line: series.line, facilitator: series.facilitator), by: self.coordinator)
            }
        }
        var random = SampleRandom(seed: 2026_11_25)
        for series in SampleMeetingScript.series {
            for daysAgo in meetingDays(series) {
                scheduleMeeting(series, daysAgo: daysAgo, ids: ids, random: &random)
            }
        }
        for (index, story) in SampleMeetingScript.stories.enumerated() {
            scheduleFate(story.fate, owner: story.owner, key: "story-\(index)", ids: ids)
        }
        if let plant = SampleMeetingScript.series.first(where: { $0.kind == "tier-3" }) {
            schedule(at(0, plus: 60)) { _ = try self.register.planMeeting(series: plant.key, on: Day(self.now), facilitator: nil, by: plant.facilitator) }
        }
    }

    private func meetingDays(_ series: SampleMeetingScript.Series) -> [Int] {
        switch series.kind {
        case "ops-review": return SampleMeetingScript.weeklyDaysAgo
        case "quality-review": return SampleMeetingScript.monthlyDaysAgo
        default:
            return (1...SampleMeetingScript.dailyWindow).reversed().filter { daysAgo in
                let weekday = Timestamp.calendar.component(.weekday, from: Day(now).addingDays(-daysAgo).start)
                return (2...6).contains(weekday)
            }
        }
    }

    /// One meeting: planned, attended, updates, items raised, a decision, minutes issued.
    private func scheduleMeeting(_ series: SampleMeetingScript.Series, daysAgo: Int, ids: SampleActionIDs, random: inout SampleRandom) {
        let hours: [String: Double] = ["tier-1": 6.5, "tier-2": 8.0, "tier-3": 9.0, "ops-review": 10.0, "quality-review": 13.0]
        let hour = hours[series.kind] ?? 9
        let chair = series.facilitator
        let day = Day(now).addingDays(-daysAgo)
        let stories = SampleMeetingScript.stories.enumerated().filter { $0.element.series == series.key && $0.element.meetingDaysAgo == daysAgo }
        let absentIndex = random.below(6)
        let subjects = series.line.map { [$0] } ?? (series.kind == "tier-2" ? ["L1", "L2", "L3"] : ["Production", "Quality", "Maintenance", "EHS"])
        var updates: [NewStatusUpdate] = []
        for subject in subjects {
            for topic in ["Safety", "Quality", "Delivery", "Cost"] where series.line != nil || topic != "Cost" {
                if let (text, rating) = random.pick(SampleMeetingScript.updates[topic] ?? []) {
                    updates.append(NewStatusUpdate(subject: subject, topic: topic, rating: rating, text: text))
                }
            }
        }
        var lineItem: (String, String, ActionPriority, Int)?
        if let line = series.line, random.below(2) == 0, let (text, owner) = random.pick(SampleMeetingScript.lineTopics[line] ?? []) {
            lineItem = (text, owner, [ActionPriority.low, .medium, .medium, .high][random.below(4)], 1 + random.below(5))
        }
        let lineFate = random.below(10)
        schedule(at(Double(daysAgo), plus: hour * 3600)) {
            let id = try self.register.planMeeting(series: series.key, on: day, facilitator: nil, by: chair)
            let invited = try self.register.store.read { db in
                try String.fetchAll(db, sql: "SELECT username FROM meeting_attendance WHERE meeting_id = ? ORDER BY username", arguments: [id])
            }
            var attendance: [String: AttendanceStatus] = [:]
            for (index, person) in invited.enumerated() {
                attendance[person] = index == absentIndex && person != chair ? .excused : .present
            }
            self.clock.advance(seconds: 120)
            try self.register.writeAttendance(id, attendance, by: chair)
            try self.register.writeStatusUpdates(id, updates, by: chair)
            for (index, story) in stories {
                self.clock.advance(seconds: 60)
                ids.items["story-\(index)"] = try self.raise(story, in: id, series: series.key, day: day, by: chair)
            }
            if let (text, owner, priority, dueDays) = lineItem {
                ids.items[id] = try self.register.writeAction(
                    in: id, NewActionItem(text: text, owner: owner, dueOn: day.addingDays(dueDays), priority: priority), by: chair)
            }
            if !stories.isEmpty || lineItem != nil {
                try self.register.recordDecision(id, text: "Actions agreed as listed; owners report at the next meeting", by: chair)
            }
            self.clock.advance(seconds: 600)
            try self.register.issueMinutes(id, by: chair)
        }
        guard let (_, owner, _, dueDays) = lineItem else { return }
        let dueAgo = daysAgo - dueDays
        let key = "\(series.key)-\(day)"
        if dueAgo > 0 && lineFate < 8 {
            scheduleFate(.done(daysAgo: max(dueAgo, 0) + (lineFate % 2), note: "Done and checked at the line"), owner: owner, key: key, ids: ids)
        } else if dueAgo <= 0 && lineFate < 4 {
            scheduleFate(.inProgress(daysAgo: max(daysAgo - 1, 0), comment: "Started; parts ordered"), owner: owner, key: key, ids: ids)
        }
    }

    private func raise(_ story: SampleMeetingScript.Story, in meeting: String, series: String, day: Day, by chair: String) throws -> String {
        let due = day.addingDays(story.dueAfterDays)
        guard story.origin != .meeting else {
            return try register.writeAction(in: meeting, NewActionItem(text: story.text, owner: story.owner, dueOn: due, priority: story.priority), by: chair)
        }
        var reference = story.reference
        if story.origin == .audit, let finding = story.reference?.split(separator: "/").last,
            let audit = try register.audits().first(where: { $0.kind == AuditKind.surveillance.rawValue })
        {
            reference = "\(audit.id)/\(finding)"
        } else if story.origin == .capa, let capa = try register.capas().first(where: { $0.title == story.reference }) {
            reference = capa.id
        }
        return try register.addActionItem(
            NewActionItem(text: story.text, owner: story.owner, dueOn: due, priority: story.priority, origin: story.origin, reference: reference,
                          series: series), by: chair).id
    }

    private func scheduleFate(_ fate: SampleMeetingScript.Fate, owner: String, key: String, ids: SampleActionIDs) {
        switch fate {
        case .open: return
        case .done(let daysAgo, let note):
            schedule(at(Double(daysAgo), plus: 15 * 3600)) { _ = try self.register.completeAction(try ids.item(key), note: note, by: owner) }
        case .cancelled(let daysAgo, let reason):
            schedule(at(Double(daysAgo), plus: 15 * 3600)) { _ = try self.register.cancelAction(try ids.item(key), reason: reason, by: self.coordinator) }
        case .inProgress(let daysAgo, let comment):
            schedule(at(Double(daysAgo), plus: 14 * 3600)) {
                let id = try ids.item(key)
                _ = try self.register.updateActionItem(id, ActionChange(status: .inProgress), by: owner)
                try self.register.commentOnAction(id, text: comment, by: owner)
            }
        }
    }
}

/// Action item IDs the register gives as the sample replays, for the later events on them.
private final class SampleActionIDs {
    var items: [String: String] = [:]

    func item(_ key: String) throws -> String {
        guard let id = items[key] else { throw GembaError(.invalidInput, "sample meetings: action item '\(key)' is used before it is raised") }
        return id
    }
}
