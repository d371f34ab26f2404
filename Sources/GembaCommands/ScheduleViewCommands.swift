import ArgumentParser
import Foundation
import GembaKit

struct ScheduleWeek: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "week", abstract: "The week (Monday to Sunday, plant time) with each day's events.")

    @Option(help: "A day in the week (YYYY-MM-DD; default: today).") var date: String?
    @Option(help: "Only this line or area.") var line: String?
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let register = try registerOptions.open()
        let day = try date.map { try DayArgument.parse($0, "--date") } ?? register.plantToday()
        let weekday = Calendar(identifier: .gregorian).component(.weekday, from: day.start.addingTimeInterval(43_200))
        let period = try register.schedulePeriod(from: day.addingDays(-((weekday + 5) % 7)), days: 7, line: line)
        if output.json { return try Output.json(period) }
        print("Week \(period.from) to \(period.to) (\(period.timeZone))\(line.map { ", line \($0)" } ?? "")")
        for day in period.days { SchedulePrinters.day(day) }
    }
}

struct ScheduleMonth: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "month", abstract: "The month as a grid of lines and days, then each day's events.")

    @Option(help: "A day in the month (YYYY-MM-DD; default: today).") var date: String?
    @Option(help: "Only this line or area.") var line: String?
    @OptionGroup var registerOptions: RegisterOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let register = try registerOptions.open()
        let day = try date.map { try DayArgument.parse($0, "--date") } ?? register.plantToday()
        let first = Day(year: day.year, month: day.month, day: 1)
        let period = try register.schedulePeriod(from: first, days: first.days(until: first.addingMonths(1)), line: line)
        if output.json { return try Output.json(period) }
        print("Month \(period.from) to \(period.to) (\(period.timeZone))\(line.map { ", line \($0)" } ?? "")")
        SchedulePrinters.grid(period)
        for day in period.days where !day.events.isEmpty {
            print("")
            SchedulePrinters.day(day)
        }
    }
}
