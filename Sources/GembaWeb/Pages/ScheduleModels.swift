import Foundation
import GembaKit

/// What the calendar shows: a week (Monday to Sunday) or a month around a day, for a line.
struct ScheduleChoice: Sendable {
    enum View: String, Sendable { case week, month }

    let view: View
    let date: Day?
    let line: String?

    init(_ request: PageRequest) throws {
        guard let view = View(rawValue: request.query("view") ?? View.week.rawValue) else { throw WebError.badRequest("view must be week or month") }
        self.view = view
        date = try request.queryDay("date")
        line = request.query("line")
    }

    /// 0 for Monday ... 6 for Sunday.
    static func weekdayIndex(_ day: Day) -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0) ?? .current
        return (calendar.component(.weekday, from: day.start.addingTimeInterval(43_200)) + 5) % 7
    }
}

/// One event in a day of the calendar.
struct EventChip {
    let id: String
    let href: String
    let title: String
    let time: String
    let kind: String
    let status: String
    /// `event`, or `event conflict` when it overlaps a shutdown it should not.
    let classes: String
    /// The conflicts' texts (their overlap), empty without.
    let conflicts: [String]

    init(_ event: ScheduleEventView, day: String, conflicts: [String]) {
        id = event.id
        href = ScheduleEventModel.href(event.id)
        title = event.title
        let starts = event.localStart.hasPrefix(day) ? String(event.localStart.suffix(5)) : "…"
        let ends = event.localEnd.hasPrefix(day) ? String(event.localEnd.suffix(5)) : "…"
        time = "\(starts)–\(ends)"
        kind = event.kind.label
        status = event.status.rawValue
        classes = conflicts.isEmpty ? "event" : "event conflict"
        self.conflicts = conflicts
    }
}

/// A conflict in a list: its text and the two events.
struct ConflictRow {
    let message: String
    let shutdown: String
    let shutdownHref: String
    let other: String
    let otherHref: String
    let overlap: String

    init(_ conflict: ScheduleConflict, time: PlantTime) {
        message = conflict.message
        shutdown = conflict.shutdown
        shutdownHref = ScheduleEventModel.href(conflict.shutdown)
        other = conflict.other
        otherHref = ScheduleEventModel.href(conflict.other)
        let local = { (text: String) in Timestamp.parse(text).map(time.local) ?? text }
        overlap = "\(local(conflict.overlapStart)) – \(local(conflict.overlapEnd)) (\(conflict.overlapMinutes) min)"
    }
}

/// The week or month calendar, its conflicts, the form to plan an event and the feed's address.
struct SchedulePageModel {
    struct Cell {
        let day: String
        let number: String
        let weekday: String
        /// `today`, `outside` (a day of another month in the month grid) or empty.
        let classes: String
        let events: [EventChip]
        let isDay: Bool
    }

    struct Week {
        let cells: [Cell]
    }

    let heading: String
    let isMonth: Bool
    let date: String
    let line: String
    let lineOptions: [ChoiceOption]
    let weekdays: [String]
    let weeks: [Week]
    let previousHref: String
    let nextHref: String
    let todayHref: String
    let otherViewHref: String
    let conflicts: [ConflictRow]
    let hasConflicts: Bool
    let timeZone: String
    let feedPattern: String
    let feedExample: String
    let stakeholderGroups: String?
    let canManage: Bool
    let kindOptions: [ChoiceOption]
    let ownerOptions: [ChoiceOption]

    init(_ register: Register, _ choice: ScheduleChoice, visitor: SignedInPerson, feedBase: String) throws {
        let time = try register.plantTime()
        let today = try register.plantToday()
        let day = choice.date ?? today
        let first: Day, count: Int, previous: Day, next: Day
        switch choice.view {
        case .week:
            first = day.addingDays(-ScheduleChoice.weekdayIndex(day))
            count = 7
            (previous, next) = (first.addingDays(-7), first.addingDays(7))
        case .month:
            first = Day(year: day.year, month: day.month, day: 1)
            count = first.days(until: first.addingMonths(1))
            (previous, next) = (first.addingMonths(-1), first.addingMonths(1))
        }
        let period = try register.schedulePeriod(from: first, days: count, line: choice.line)
        let found = try register.scheduleConflicts(from: time.start(of: first), to: time.start(of: first.addingDays(count)))
        let shown = Set(period.days.flatMap { $0.events.map(\.id) })
        let relevant = found.filter { shown.contains($0.shutdown) || shown.contains($0.other) }
        var messages: [String: [String]] = [:]
        for conflict in relevant {
            messages[conflict.shutdown, default: []].append(conflict.message)
            messages[conflict.other, default: []].append(conflict.message)
        }
        var cells = period.days.map { view in
            Cell(day: view.day, number: String(view.day.suffix(2)), weekday: view.weekday, classes: view.day == today.description ? "today" : "",
                 events: view.events.map { EventChip($0, day: view.day, conflicts: messages[$0.id] ?? []) }, isDay: true)
        }
        if choice.view == .month {
            let blank = Cell(day: "", number: "", weekday: "", classes: "outside", events: [], isDay: false)
            cells = Array(repeating: blank, count: ScheduleChoice.weekdayIndex(first)) + cells
            cells += Array(repeating: blank, count: (7 - cells.count % 7) % 7)
        }
        weeks = stride(from: 0, to: cells.count, by: 7).map { Week(cells: Array(cells[$0..<min($0 + 7, cells.count)])) }
        weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        isMonth = choice.view == .month
        let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
        heading = isMonth ? "\(monthNames[first.month - 1]) \(first.year)" : "week of \(period.from) to \(period.to)"
        date = day.description
        line = choice.line ?? ""
        let lines = (try? register.plantPolicy().lines.map(\.id)) ?? []
        lineOptions = ChoiceOption.list(lines.map { ($0, $0) }, selected: choice.line, none: "All lines")
        func href(_ view: ScheduleChoice.View, _ day: Day) -> String {
            "/schedule?view=\(view.rawValue)&date=\(day)" + (choice.line.map { "&line=\($0.urlPathEncoded)" } ?? "")
        }
        previousHref = href(choice.view, previous)
        nextHref = href(choice.view, next)
        todayHref = href(choice.view, today)
        otherViewHref = href(isMonth ? .week : .month, day)
        conflicts = relevant.map { ConflictRow($0, time: time) }
        hasConflicts = !conflicts.isEmpty
        timeZone = time.zone.identifier
        feedPattern = "\(feedBase)/schedule.ics?line=LINE&stakeholder=GROUP&token=gmb_…"
        feedExample = "\(feedBase)/schedule.ics" + (choice.line.map { "?line=\($0.urlPathEncoded)" } ?? "")
        let groups = (try? register.notificationPolicy().groups.keys.sorted()) ?? []
        stakeholderGroups = groups.isEmpty ? nil : groups.joined(separator: ", ")
        canManage = visitor.permissions.contains(.scheduleManage) && !visitor.isAssessor
        kindOptions = ChoiceOption.list(ScheduleKind.allCases.map { ($0.rawValue, $0.label) }, selected: nil)
        ownerOptions = try ChoiceOption.people(register, selected: visitor.person.username)
    }
}
