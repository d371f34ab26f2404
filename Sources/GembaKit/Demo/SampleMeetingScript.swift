import Foundation

/// The sample plant's meeting history: the series, and the action items with their fates. Days
/// are days before the load date. Tier-1 items are drawn from `lineTopics` with a fixed seed.
enum SampleMeetingScript {
    struct Series {
        let key: String
        let kind: String
        let line: String?
        let facilitator: String
        let startedDaysAgo: Int
    }

    enum Fate {
        case done(daysAgo: Int, note: String)
        case cancelled(daysAgo: Int, reason: String)
        case inProgress(daysAgo: Int, comment: String)
        case open
    }

    /// An item raised at a weekly or monthly review `meetingDaysAgo` days ago (or added outside a
    /// meeting when `origin` is not meeting).
    struct Story {
        let series: String
        let meetingDaysAgo: Int
        let text: String
        let owner: String
        let priority: ActionPriority
        let dueAfterDays: Int
        let fate: Fate
        var origin: ActionOrigin = .meeting
        /// For audit and CAPA origins: `surveillance/F5` or the CAPA's title; for board, the document.
        var reference: String? = nil
    }

    static let series: [Series] = [
        Series(key: "OPS-WEEKLY", kind: "ops-review", line: nil, facilitator: "jnovak", startedDaysAgo: 92),
        Series(key: "QM-MONTHLY", kind: "quality-review", line: nil, facilitator: "schen", startedDaysAgo: 92),
        Series(key: "T1-L1", kind: "tier-1", line: "L1", facilitator: "akim", startedDaysAgo: 15),
        Series(key: "T1-L2", kind: "tier-1", line: "L2", facilitator: "mrossi", startedDaysAgo: 15),
        Series(key: "T1-L3", kind: "tier-1", line: "L3", facilitator: "pdubois", startedDaysAgo: 15),
        Series(key: "T2-PROD", kind: "tier-2", line: nil, facilitator: "jnovak", startedDaysAgo: 15),
        Series(key: "T3-PLANT", kind: "tier-3", line: nil, facilitator: "tbrandt", startedDaysAgo: 15),
    ]

    static let weeklyDaysAgo = stride(from: 87, through: 3, by: -7).map { $0 }
    static let monthlyDaysAgo = [88, 58, 28]
    /// Tier-1, 2 and 3 meetings run on the weekdays of the last two weeks.
    static let dailyWindow = 14

    static let stories: [Story] = [
        Story(series: "OPS-WEEKLY", meetingDaysAgo: 87, text: "Agree the Q4 preventive maintenance plan for coater C-1 with production", owner: "rokafor",
              priority: .medium, dueAfterDays: 14, fate: .done(daysAgo: 75, note: "PM plan agreed; two 8-hour windows booked in weeks 44 and 48")),
        Story(series: "OPS-WEEKLY", meetingDaysAgo: 80, text: "Cut formation rack changeover below 40 minutes (SMED workshop)", owner: "pdubois",
              priority: .high, dueAfterDays: 21, fate: .done(daysAgo: 61, note: "SMED workshop held; changeover 52 -> 37 min over 10 changeovers")),
        Story(series: "OPS-WEEKLY", meetingDaysAgo: 73, text: "Dry-room DR-2 dew-point alarms: add SMS escalation to the maintenance on-call", owner: "rokafor",
              priority: .high, dueAfterDays: 7, fate: .done(daysAgo: 68, note: "SMS escalation live; tested with a forced alarm on 3 sensors")),
        Story(series: "OPS-WEEKLY", meetingDaysAgo: 66, text: "Temporary labour for the L3 weekend shift during the Aurelia ramp-up", owner: "jnovak",
              priority: .medium, dueAfterDays: 14, fate: .cancelled(daysAgo: 50, reason: "Ramp-up moved to Q1; weekend shift not needed this year")),
        Story(series: "OPS-WEEKLY", meetingDaysAgo: 52, text: "Spare parts list for stacker Z-2 servo axes (critical spares on site)", owner: "rokafor",
              priority: .medium, dueAfterDays: 21, fate: .done(daysAgo: 33, note: "Critical spares list approved; 2 servo drives and 1 encoder on stock")),
        Story(series: "OPS-WEEKLY", meetingDaysAgo: 31, text: "Replace the worn bearings of calender K-1 roll 2 (vibration trend rising)", owner: "rokafor",
              priority: .high, dueAfterDays: 7, fate: .inProgress(daysAgo: 20, comment: "Bearings on order, supplier delivery slipped to next week")),
        Story(series: "OPS-WEEKLY", meetingDaysAgo: 17, text: "Qualify a second source for separator film (single-source risk)", owner: "nberg",
              priority: .medium, dueAfterDays: 7, fate: .open),
        Story(series: "OPS-WEEKLY", meetingDaysAgo: 10, text: "Weekend coverage plan for L3 formation during the inventory count", owner: "jnovak",
              priority: .low, dueAfterDays: 5, fate: .open),
        Story(series: "OPS-WEEKLY", meetingDaysAgo: 3, text: "Review the OEE loss tree of L2 with the stacking team", owner: "mrossi",
              priority: .medium, dueAfterDays: 10, fate: .open),
        Story(series: "QM-MONTHLY", meetingDaysAgo: 88, text: "Extend the 2026 internal audit programme to L3 formation and EOL test", owner: "schen",
              priority: .medium, dueAfterDays: 30, fate: .done(daysAgo: 62, note: "Programme issue 2 covers L2 and L3; internal audit planned"),
              origin: .audit, reference: "surveillance/F5"),
        Story(series: "QM-MONTHLY", meetingDaysAgo: 88, text: "Scrap Pareto of VC60-P stacking by defect code, monthly", owner: "hlind",
              priority: .low, dueAfterDays: 30, fate: .done(daysAgo: 55, note: "Pareto added to the monthly quality report from October")),
        Story(series: "QM-MONTHLY", meetingDaysAgo: 58, text: "Show the scrap trend per shift on the L2 SQDC board", owner: "mrossi",
              priority: .low, dueAfterDays: 60, fate: .inProgress(daysAgo: 12, comment: "Draft tile in BOARD-002 rev D, waiting for the shift data feed"),
              origin: .board, reference: "BOARD-002"),
        Story(series: "QM-MONTHLY", meetingDaysAgo: 58, text: "Hold-age tile mock-up for the L2 and L3 boards, ahead of the CAPA action", owner: "mrossi",
              priority: .high, dueAfterDays: 21, fate: .open, origin: .capa, reference: "Held material without disposition decision"),
        Story(series: "QM-MONTHLY", meetingDaysAgo: 28, text: "Gauge R&R of IR tester T-4 after the reference cell replacement", owner: "hlind",
              priority: .critical, dueAfterDays: 21, fate: .open),
        Story(series: "QM-MONTHLY", meetingDaysAgo: 28, text: "Customer complaint trend by lot for the Aurelia quarterly review", owner: "nberg",
              priority: .medium, dueAfterDays: 35, fate: .open),
    ]

    /// Short tier-1 items by line: (text, owner).
    static let lineTopics: [String: [(String, String)]] = [
        "L1": [("Clean the slot-die lip of C-1 after the streak defect", "dschmidt"), ("Check the calender K-1 gap sensor drift", "akim"),
               ("Refill slurry filter stock at the mixer", "dschmidt"), ("Re-train night shift on coating weight checks", "akim"),
               ("Fix the loose guard at the unwinder of C-1", "dschmidt"), ("Label the new solvent drums in the L1 store", "dschmidt")],
        "L2": [("Replace the worn Z-fold gripper pads on stacker Z-1", "mrossi"), ("Tab weld pull-test sample plan for the new foil lot", "pdubois"),
               ("Dry-room glove box G1 glove change", "lpetrov"), ("Recalibrate the electrolyte dosing pump P-2", "pdubois"),
               ("Sort the pouch film reels by lot in the dry-room store", "lpetrov"), ("Update the L2 shift handover checklist", "mrossi")],
        "L3": [("Reset the channel fault counters of rack F-2", "ewojcik"), ("Check degassing chamber seal D-1 for leaks", "pdubois"),
               ("Aging room temperature log gaps on the weekend", "ewojcik"), ("OCV/IR tester T-3 fixture cleaning", "ewojcik"),
               ("Move tripped cells to the engineering review cage", "ewojcik"), ("Formation profile FP-72 version check on all racks", "pdubois")],
    ]

    static let updates: [String: [(String, UpdateRating)]] = [
        "Safety": [("No incidents, no near misses", .green), ("One near miss reported (trip hazard), area taped off", .amber),
                   ("5S round done, 2 findings closed", .green)],
        "Quality": [("First-pass yield on target", .green), ("Scrap above target on the night shift", .amber),
                    ("One lot on hold pending engineering review", .red)],
        "Delivery": [("Output on plan", .green), ("Behind plan by 4% after a minor stop", .amber), ("Behind plan: 2 h unplanned downtime", .red)],
        "Cost": [("Overtime within budget", .green), ("Extra solvent usage after the cleaning run", .amber)],
    ]
}

/// A small deterministic generator (SplitMix64), so every demo build has the same history.
struct SampleRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(max(bound, 1))) }

    mutating func pick<T>(_ items: [T]) -> T? { items.isEmpty ? nil : items[below(items.count)] }
}
