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
    /// Per conflict, the other event and the overlap (`overlaps EV-2026-0012 13:00–15:00`).
    let conflicts: [String]
    /// The event and its conflicts' full texts, shown on hover.
    let tooltip: String

    init(_ event: ScheduleEventView, day: String, conflicts: [ScheduleConflict], time plant: PlantTime) {
        id = event.id
        href = ScheduleEventModel.href(event.id)
        title = event.title
        let starts = event.localStart.hasPrefix(day), ends = event.localEnd.hasPrefix(day)
        time = !starts && !ends ? "all day" : "\(starts ? String(event.localStart.suffix(5)) : "…")–\(ends ? String(event.localEnd.suffix(5)) : "…")"
        kind = event.kind.label
        status = event.status.rawValue
        classes = conflicts.isEmpty ? "event" : "event conflict"
        self.conflicts = conflicts.map { conflict in
            "overlaps \(conflict.shutdown == event.id ? conflict.other : conflict.shutdown) \(ConflictRow.span(conflict, time: plant, short: true))"
        }
        tooltip = ([event.title] + conflicts.map(\.message)).joined(separator: "\n")
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
        overlap = "\(Self.span(conflict, time: time, short: false)) (\(conflict.overlapMinutes) min)"
    }

    /// The overlap in the plant's time: `2026-03-04 13:00 – 2026-03-04 15:00`, or `13:00–15:00`
    /// (short, within one day) and `03-04 13:00–03-05 02:00` (short, across days).
    static func span(_ conflict: ScheduleConflict, time: PlantTime, short: Bool) -> String {
        let local = { (text: String) in Timestamp.parse(text).map(time.local) ?? text }
        let (start, end) = (local(conflict.overlapStart), local(conflict.overlapEnd))
        guard short else { return "\(start) – \(end)" }
        if start.prefix(10) == end.prefix(10) { return "\(start.suffix(5))–\(end.suffix(5))" }
        return "\(start.dropFirst(5))–\(end.dropFirst(5))"
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
        var involved: [String: [ScheduleConflict]] = [:]
        for conflict in relevant {
            involved[conflict.shutdown, default: []].append(conflict)
            involved[conflict.other, default: []].append(conflict)
        }
        var cells = period.days.map { view in
            Cell(day: view.day, number: String(view.day.suffix(2)), weekday: view.weekday, classes: view.day == today.description ? "today" : "",
                 events: view.events.map { EventChip($0, day: view.day, conflicts: involved[$0.id] ?? [], time: time) }, isDay: true)
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
