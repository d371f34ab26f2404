import Foundation
import GRDB
import Testing
@testable import GembaKit

/// A fresh register with the shipped `meetings.yaml` (edited by `edit`) and `training.yaml` (for the areas).
func withMeetingRegister<T>(meetings edit: ((String) -> String)? = nil, _ body: (TestRegister) throws -> T) throws -> T {
    let text = try String(contentsOf: shippedPolicyFolder.appendingPathComponent(MeetingPolicy.fileName), encoding: .utf8)
    let training = try String(contentsOf: shippedPolicyFolder.appendingPathComponent("training.yaml"), encoding: .utf8)
    return try withRegister(policies: [MeetingPolicy.fileName: { _ in (edit ?? { $0 })(text) }, "training.yaml": { _ in training }], body)
}

extension TestRegister {
    /// A tier-1 series for line L2 chaired by rob (an author, without meeting.manage).
    @discardableResult
    func lineSeries(_ key: String = "T1-L2", line: String = "L2", members: [String] = []) throws -> MeetingSeriesView {
        try register.addMeetingSeries(NewMeetingSeries(id: key, kind: "tier-1", line: line, facilitator: "rob", members: members), by: "carl")
    }

    /// A plant-level series of `kind` chaired by pete.
    @discardableResult
    func plantSeries(_ key: String, kind: String) throws -> MeetingSeriesView {
        try register.addMeetingSeries(NewMeetingSeries(id: key, kind: kind, facilitator: "pete"), by: "carl")
    }

    /// An item added by carl outside meetings, owned by `owner`.
    func actionItem(
        _ text: String = "Fix the guard", owner: String = "rob", due: Day? = nil, priority: ActionPriority = .medium, series: String? = nil
    ) throws -> ActionItemView {
        try register.addActionItem(NewActionItem(text: text, owner: owner, dueOn: due, priority: priority, series: series), by: "carl")
    }

    /// A meeting of `series` today with rob and carl present.
    func heldMeeting(_ series: String = "T1-L2") throws -> MeetingView {
        let meeting = try register.newMeeting(series: series, by: "carl")
        return try register.recordAttendance(meeting.summary.id, ["rob": .present, "carl": .present], by: "carl")
    }
}
