import Foundation

/// The request IDs of the sample, known once their submission has run.
private final class RequestSlots {
    var ids: [String: String] = [:]

    func id(_ slot: String) throws -> String {
        guard let id = ids[slot] else { throw GembaError(.integrity, "sample request '\(slot)' was not submitted before it was used") }
        return id
    }
}

extension SampleReplay {
    /// The sample's request queue and onboarding (sample-register/README.md, "Requests and
    /// onboarding"): two contractors, requests at every stage (one contractor access refused
    /// for an expired certificate, approved after renewal), and two new people being onboarded.
    func scheduleRequests() throws {
        // The script plays the people of the shipped sample; another sample, or no policy, skips it.
        let cast: Set = ["rokafor", "lgarcia", "akim", "mrossi", "pdubois", "jnovak", "tbrandt", "schen"]
        guard try register.policyFile(RequestPolicy.fileName) != nil, cast.isSubset(of: people.map(\.username)) else { return }
        let admin = people.first { policies.permissions(ofRoles: $0.roles).contains(.userManage) }?.username ?? coordinator
        let slots = RequestSlots()
        let today = Day(now)
        func submit(_ slot: String, _ daysAgo: Double, _ kind: String, _ title: String, by: String, approver: String? = nil, _ fields: [String: String]) {
            schedule(at(daysAgo, plus: 9 * 3600)) {
                slots.ids[slot] = try self.register.submitRequest(NewRequest(kind: kind, title: title, fields: fields, approver: approver), by: by).summary.id
            }
        }
        func approve(_ slot: String, _ daysAgo: Double, by: String) {
            schedule(at(daysAgo, plus: 11 * 3600)) { _ = try self.register.approveRequest(try slots.id(slot), signer: self.credentials(by)) }
        }
        func fulfil(_ slot: String, _ daysAgo: Double, by: String, _ note: String) {
            schedule(at(daysAgo, plus: 14 * 3600)) { _ = try self.register.fulfilRequest(try slots.id(slot), note: note, by: by) }
        }
        func comment(_ slot: String, _ daysAgo: Double, by: String, _ text: String) {
            schedule(at(daysAgo, plus: 10 * 3600)) { _ = try self.register.commentOnRequest(try slots.id(slot), text: text, by: by) }
        }
        func addPerson(_ daysAgo: Double, _ username: String, _ name: String, _ roles: [String], _ email: String) {
            schedule(at(daysAgo, plus: 7 * 3600)) {
                try self.register.addUser(NewUser(username: username, name: name, email: email, roles: roles, password: self.demoPassword), by: self.credentials(admin))
            }
        }

        // Contractors: accounts, the EHS policy as their safety induction, their certificates.
        addPerson(60, "kwagner", "Klaus Wagner", ["contractor"], "k.wagner@elektro-wagner.example")
        addPerson(60, "bfischer", "Birgit Fischer", ["contractor"], "b.fischer@kaelte-fischer.example")
        schedule(at(60, plus: 8 * 3600)) {
            _ = try self.register.requireTraining("POL-002", roles: ["approver", "author", "contractor", "coordinator", "operator", "quality", "reviewer"],
                                                  reason: "Contractors read the EHS policy as their site safety induction (policies/requests.yaml)", by: "schen")
        }
        for (user, daysAgo) in [("kwagner", 58.0), ("bfischer", 50.0)] {
            schedule(at(daysAgo, plus: 8 * 3600)) { _ = try self.register.signTraining("POL-002", signer: self.credentials(user)) }
        }
        let certificates: [(String, Int, Int, String)] = [("kwagner", 400, 365, "VDE-EFK-2025-0193"), ("bfischer", 200, 730, "VDE-EFK-2026-0041")]
        for (user, issuedAgo, valid, reference) in certificates {
            let issued = today.addingDays(-issuedAgo)
            let new = NewCertification(username: user, kind: "electrical-qualified", issued: issued, expires: issued.addingDays(valid), reference: reference)
            schedule(at(59, plus: 10 * 3600)) { try self.register.addCertification(new, by: self.coordinator) }
        }

        // Contractor access for the K-1 drive cabinet: refused while the certificate is expired,
        // approved once renewed, then the badge is issued.
        submit("k1-cabinet", 12, "contractor-access", "K-1 calender drive cabinet: replace the main contactor", by: "rokafor", approver: "lgarcia", [
            "company": "Elektro Wagner GmbH", "contractor": "kwagner", "site": "Plant 2, hall B, line L1", "from": today.addingDays(-4).description,
            "to": today.addingDays(3).description, "escort": "akim", "work": "Replace main contactor Q1 in the K-1 drive cabinet under LOTO",
            "certifications": "electrical-qualified",
        ])
        schedule(at(11, plus: 11 * 3600)) {
            let id = try slots.id("k1-cabinet")
            do {
                _ = try self.register.approveRequest(id, signer: self.credentials("lgarcia"))
            } catch let refusal as GembaError where refusal.kind == .state {
                _ = try self.register.commentOnRequest(id, text: "Approval refused by gemba: \(refusal.message). Asked Elektro Wagner for the renewed certificate.", by: "lgarcia")
            }
        }
        let renewed = NewCertification(username: "kwagner", kind: "electrical-qualified", issued: today.addingDays(-10), expires: today.addingDays(1085), reference: "VDE-EFK-2026-0377")
        schedule(at(9, plus: 10 * 3600)) { try self.register.addCertification(renewed, by: self.coordinator) }
        approve("k1-cabinet", 8, by: "lgarcia")
        fulfil("k1-cabinet", 5, by: admin, "Badge C-117 issued for the access days; escort akim briefed")
        submit("dryroom-hvac", 2, "contractor-access", "DR-2 dry-room HVAC: dehumidifier service", by: "rokafor", [
            "company": "Kältetechnik Fischer", "contractor": "bfischer", "site": "Plant 2, dry room DR-2", "from": today.addingDays(3).description,
            "to": today.addingDays(5).description, "escort": "mrossi", "work": "Service of the desiccant wheel and the dew-point sensors",
            "certifications": "electrical-qualified",
        ])

        // Purchase requisitions, a work order and supply orders at every stage.
        submit("wrench", 40, "purchase-requisition", "Torque wrenches for the tab welders", by: "akim", [
            "item": "Torque wrench 5-25 Nm", "quantity": "2", "estimated_cost_eur": "640", "cost_centre": "L2-ASSY",
        ])
        approve("wrench", 38, by: "jnovak")
        fulfil("wrench", 30, by: "jnovak", "PO 4500018231, delivered to the L2 tool crib")
        submit("scale", 20, "purchase-requisition", "Precision scale for fill-weight checks", by: "mrossi", approver: "tbrandt", [
            "item": "Precision scale 6 kg / 0.01 g", "quantity": "1", "estimated_cost_eur": "2900", "cost_centre": "L2-ASSY", "supplier": "Sartorius",
        ])
        comment("scale", 10, by: "mrossi", "Still waiting: the old scale fails its calibration next week (SOP-0008)")
        submit("fixtures", 15, "purchase-requisition", "Spare welding horns", by: "pdubois", [
            "item": "Ultrasonic welding horn, tab welder UW-2", "quantity": "4", "estimated_cost_eur": "5200", "cost_centre": "L2-ASSY",
        ])
        schedule(at(13, plus: 11 * 3600)) {
            _ = try self.register.rejectRequest(try slots.id("fixtures"), signer: self.credentials("jnovak"),
                                                comment: "Covered by the framework contract with the welder's maker: order through a supply order")
        }
        submit("drain", 25, "facilities-work-order", "Blocked floor drain at the electrolyte store", by: "lgarcia", [
            "area": "EHS", "location": "Electrolyte store, hall C", "work": "Clear and inspect the floor drain and its spill sump", "priority": "urgent",
        ])
        approve("drain", 24, by: "rokafor")
        submit("gloves", 6, "supply-order", "Nitrile gloves for the dry room", by: "mrossi", ["item": "Nitrile gloves size L, box of 100", "quantity": "20", "deliver_to": "L2"])
        approve("gloves", 5, by: "jnovak")
        fulfil("gloves", 3, by: admin, "Delivered from the central store")
        submit("wipes", 9, "supply-order", "Lint-free wipes for L1", by: "akim", ["item": "Lint-free wipes", "quantity": "10", "deliver_to": "L1"])
        schedule(at(8, plus: 9 * 3600)) { _ = try self.register.cancelRequest(try slots.id("wipes"), reason: "Found a full carton in the L1 store", by: "akim") }
        submit("labels", 1, "supply-order", "Labels for the formation racks", by: "pdubois", ["item": "Rack labels, 50 x 25 mm", "quantity": "5", "deliver_to": "L3"])

        scheduleOnboarding(admin: admin)
    }

    /// Two new people: an operator on L2 (started 25 days ago, a certificate and a system access
    /// late) and a quality engineer (started 9 days ago, given the author role 3 days ago).
    private func scheduleOnboarding(admin: String) {
        func onboard(_ daysAgo: Double, _ person: String, hour: Double = 8) {
            schedule(at(daysAgo, plus: hour * 3600)) { _ = try self.register.startOnboarding(person, by: "schen") }
        }
        func decide(_ daysAgo: Double, _ person: String, _ system: String, fulfil: Bool) {
            schedule(at(daysAgo, plus: 12 * 3600)) {
                guard let id = try self.register.onboardingPlan(person).items.first(where: { $0.subject == system })?.reference else { return }
                _ = try self.register.approveRequest(id, signer: self.credentials(admin))
                if fulfil { _ = try self.register.fulfilRequest(id, note: "Account created, first login checked", by: admin) }
            }
        }
        func read(_ daysAgo: Double, _ person: String, leaving open: Int) {
            schedule(at(daysAgo, plus: 13 * 3600)) {
                for item in try self.register.trainingAssignments(for: person).dropLast(open) {
                    _ = try self.register.signTraining(item.document, revision: item.revision, signer: self.credentials(person))
                }
            }
        }
        schedule(at(26, plus: 7 * 3600)) {
            try self.register.addUser(NewUser(username: "tmueller", name: "Tobias Mueller", email: "tobias.mueller@voltaris.example", roles: ["operator"],
                                              password: self.demoPassword), by: self.credentials(admin))
        }
        onboard(25, "tmueller")
        decide(23, "tmueller", "Gemba", fulfil: true)
        read(12, "tmueller", leaving: 3)
        let forklift = NewCertification(username: "tmueller", kind: "forklift", issued: Day(now).addingDays(-12), expires: Day(now).addingDays(1083), reference: "FS-2026-118")
        schedule(at(10, plus: 10 * 3600)) { try self.register.addCertification(forklift, by: self.coordinator) }

        schedule(at(10, plus: 7 * 3600)) {
            try self.register.addUser(NewUser(username: "sjanssen", name: "Sara Janssen", email: "sara.janssen@voltaris.example", roles: ["quality"],
                                              password: self.demoPassword), by: self.credentials(admin))
        }
        onboard(9, "sjanssen")
        decide(8, "sjanssen", "Gemba", fulfil: true)
        decide(6, "sjanssen", "LIMS", fulfil: false)
        read(5, "sjanssen", leaving: 2)
        schedule(at(3, plus: 9 * 3600)) {
            _ = try self.register.changeRoles(of: "sjanssen", add: ["author"], remove: [], reason: "Writes the inspection work instructions", by: self.credentials(admin))
        }
        onboard(3, "sjanssen", hour: 10)
    }
}
