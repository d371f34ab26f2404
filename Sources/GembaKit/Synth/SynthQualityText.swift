import Foundation

/// Texts of synthetic audits, findings and CAPAs: plain, varied, the same for the same seed.
enum SynthQualityText {
    static let bodies = ["TÜV SÜD Management Service GmbH", "DNV Business Assurance", "BSI Group", "DEKRA Certification GmbH"]
    static let externalAuditors = ["Dr. Petra Lang", "Martin Osei", "Sofia Almeida", "Henrik Dahl", "Ayumi Sato"]
    static let suppliers = ["Nordfoil Copper GmbH", "Cathodix Materials", "ElectroLyte Supply AB", "Separa Film Ltd", "PackSeal Components"]

    private static let problems = [
        ("the torque record of the last shift was not signed", "Torque log of \\LINE shows four entries without the operator's initials"),
        ("an SOP at the station was a superseded revision", "The printed copy at the coater station was rev B, main holds rev C"),
        ("the calibration label of a gauge had expired", "Pressure gauge PG-114 on \\LINE carried a label due last month"),
        ("scrap was not segregated at the end of the shift", "Rejected cells were found in the good-parts tote on \\LINE"),
        ("training of a new operator was not recorded", "An operator worked the filling station without a signed read-and-understood record"),
        ("first article inspection was skipped after a changeover", "No FAI form for the changeover on Monday's A shift"),
        ("the dry-room dew point exceeded its limit without a hold", "Dew point log shows -32 °C for two hours; no quality hold was opened"),
        ("lockout was done without the personal lock", "A mixer was locked out with the team lock only"),
        ("a line clearance record was incomplete", "Line clearance form of the last product change has two empty checks"),
        ("material was used past its shelf life", "Electrolyte drum used two days after its expiry date"),
    ]
    private static let observations = [
        "Shift handover notes vary in detail between the crews", "The SQDC board's scrap figure is updated once a week, not daily",
        "Spare labels are kept loose beside the printer", "Two work instructions describe the same check in different words",
        "Visual standards at the station are faded", "The 5S audit score dropped in the last two months",
    ]
    private static let whys = [
        "The step is not on the shift checklist", "The checklist was written before the station was moved",
        "Nobody owns the checklist after the reorganisation", "The change was not taken through document control",
        "The training matrix did not list the new station", "The reminder in the MES was switched off during the upgrade",
    ]
    private static let causes = [
        ("The station checklist does not include the step, so it depends on memory", CauseCategory.method),
        ("The new operators were not trained on the revised instruction", .man),
        ("The sensor drifts and its alarm limit was set too wide", .machine),
        ("The supplier's lot changed its properties without notice", .material),
        ("The gauge's calibration interval is too long for its use", .measurement),
        ("Humidity in the hall rises when the door is left open", .environment),
    ]
    private static let actions = [
        "Add the step to the station checklist and the work instruction", "Train the crews of every shift on the revised instruction",
        "Tighten the alarm limit and add it to the start-up check", "Add an incoming inspection for the supplier's lots",
        "Shorten the calibration interval and add the gauge to the plan", "Fit a door closer and an alarm on the hall door",
        "Audit the step on three shifts and record the result",
    ]

    static func auditTitle(_ kind: AuditKind, area: String, year: Int, supplier: String) -> String {
        switch kind {
        case .internal: "Internal QMS audit of line \(area), \(year)"
        case .certification: "ISO 9001 recertification audit \(year)"
        case .surveillance: "ISO 9001 surveillance audit \(year)"
        case .supplier: "Supplier audit at \(supplier), \(year)"
        case .safety: "EHS walk-through audit \(year)"
        case .customer: "Customer audit \(year)"
        }
    }

    /// A nonconformity: description and evidence.
    static func nonconformity(area: String, random: inout SynthRandom) -> (String, String) {
        let (what, evidence) = random.pick(problems)
        return ("On \(area), \(what).", evidence.replacingOccurrences(of: "\\LINE", with: area) + ".")
    }

    static func observation(area: String, random: inout SynthRandom) -> (String, String) {
        ("\(random.pick(observations)) (\(area)).", "Seen during the walk through \(area) and in the records shown.")
    }

    static func containment(random: inout SynthRandom) -> String {
        random.pick([
            "Affected lots put on hold and checked; the station stopped until the step was done",
            "Stock at the line sorted and the nonconforming parts quarantined",
            "Crews briefed at the shift start; a team leader checks the step on every shift until the fix is in place",
        ])
    }

    static func whyChain(random: inout SynthRandom) -> [String] { random.pick(random.int(2...4), of: whys) }

    static func rootCause(random: inout SynthRandom) -> (String, CauseCategory) { random.pick(causes) }

    static func action(random: inout SynthRandom) -> String { random.pick(actions) }

    static func standaloneProblem(_ source: CAPASource, area: String, random: inout SynthRandom) -> (title: String, problem: String) {
        switch source {
        case .customerComplaint:
            ("Customer complaint: cells from \(area) out of capacity tolerance", "The customer returned cells from \(area) whose capacity was below the specification.")
        case .safetyIncident:
            ("Safety incident on \(area)", "An operator on \(area) was hurt at a station; the incident report names the missing guard.")
        case .supplier:
            ("Supplier lots failing incoming inspection", "Several lots delivered to \(area) failed the incoming inspection.")
        default:
            ("Scrap rate on \(area) above target", "The scrap rate of \(area) stayed above its target for three weeks.")
        }
    }
}
