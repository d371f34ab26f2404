import Foundation

/// Titles and file contents of synthetic documents: plain, varied, and the same for the same seed.
enum SynthContent {
    private static let subjects = [
        "coater start-up", "calender gap setting", "electrolyte filling", "dry-room entry", "line clearance", "first article inspection",
        "torque verification", "label printing", "pallet wrapping", "forklift charging", "solvent recovery", "slitter knife change",
        "vacuum drying", "cell formation", "leak testing", "welding parameter check", "shift handover", "scrap segregation",
        "raw material receiving", "sample retention", "calibration check", "spill response", "lockout of the mixer", "mixer cleaning",
    ]
    private static let verbs = ["Operating", "Checking", "Setting up", "Cleaning", "Inspecting", "Changing over", "Recording", "Releasing"]
    private static let actions = [
        "Confirm the previous shift's notes are closed.", "Wear the PPE named on the station card.", "Check the gauge reads within the green band.",
        "Record the batch number on the traveller.", "Call the team leader if a reading is out of limits.", "Clean the surface with lint-free wipes.",
        "Verify the label against the work order.", "Lock out the energy sources and try the start button.", "Take three samples and note their weights.",
        "Scan the material barcode before loading.", "Compare the setting with the recipe sheet.", "Place rejected parts in the red bin.",
    ]

    static func title(_ type: String, area: String, random: inout SynthRandom) -> String {
        let subject = random.pick(subjects)
        switch type {
        case "POLICY": return "Policy on \(subject) across the plant"
        case "FORM": return "Record of \(subject), \(area)"
        case "BOARD": return "\(area) daily SQDC board"
        case "EXT": return "Supplier specification for \(subject)"
        default: return "\(random.pick(verbs)) \(subject) on \(area)"
        }
    }

    /// The main file of a revision and its extension.
    static func file(_ type: String, id: String, title: String, letter: String, area: String, year: Int, random: inout SynthRandom) -> (Data, String) {
        if type == "BOARD" {
            let oee = 0.6 + Double(random.int(0...25)) / 100
            let scrap = 0.02 + Double(random.int(0...6)) / 100
            let text = """
                board: \(title)
                line: \(area)
                area: \(area)
                targets:
                  - kpi: oee
                    target: \(oee)
                    unit: ratio
                    direction: higher_is_better
                    effective_from: \(year)-01-01
                    effective_to: \(year)-12-31
                  - kpi: scrap_ratio
                    target: \(scrap)
                    unit: ratio
                    direction: lower_is_better
                    effective_from: \(year)-01-01
                    effective_to: \(year)-12-31
                notes: Revision \(letter), made by gemba synth.

                """
            return (Data(text.utf8), "yaml")
        }
        var text = "# \(title)\n\n\(id) revision \(letter). Applies to \(area).\n\n## Purpose\n\n"
        text += "This document says how \(title.lowercased()) is done, so that every shift does it the same way.\n\n## Steps\n\n"
        for step in 1...random.int(4...10) {
            text += "\(step). \(random.pick(actions))\n"
        }
        text += "\n## Records\n\nKeep the completed form with the batch record for \(random.int(1...10)) years.\n"
        return (Data(text.utf8), "md")
    }

    static func changeReason(first: Bool, major: Bool, random: inout SynthRandom) -> String {
        if first { return "First issue" }
        return major
            ? random.pick(["Process change after CAPA", "New equipment installed", "Customer requirement changed", "Audit finding addressed"])
            : random.pick(["Typographical corrections", "Clarified wording", "Updated contact names", "Reformatted the steps"])
    }
}
