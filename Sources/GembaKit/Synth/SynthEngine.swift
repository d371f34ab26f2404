import Foundation
import GRDB
import GembaGit

/// Runs the synthetic history through a register: people first, then every document's drafts,
/// reviews, signatures, releases, periodic reviews, training and retirements in time order.
final class SynthEngine {
    static let day: Int64 = 86_400
    /// Trail entries per SQLite transaction, and main-line commits per pack file.
    static let entriesPerTransaction: Int64 = 200_000
    static let releasesPerPack = 20_000

    let register: Register
    let parameters: SynthParameters
    let people: [SynthPerson]
    let writer: SynthWriter
    let objects: BulkObjectWriter
    let training: TrainingPolicy
    /// The first commit's tree (policies only): the base of every commit's tree but the last.
    let policiesTree: ObjectID
    let start: Int64
    let end: Int64
    /// No commit on main after this, except the final release.
    let cutoff: Int64
    var users: [UserRecord] = []
    /// People holding each role, sorted by user name (the order the services assign training in).
    var holders: [String: [Int]] = [:]
    var documents: [SynthDocument] = []
    var timeline = SynthTimeline()
    var main: ObjectID
    var numbers: [String: Int] = [:]
    var nextCycle: Int64 = 1
    var nextSignature: Int64 = 1
    var releasesSincePack = 0
    /// Commits and tags written since the last pack: everything new is reachable from them.
    var packRoots: [ObjectID] = []
    var counts: [String: Int] = [:]
    /// Audits, CAPAs and production data (SynthEngine+Audits, +CAPA, +Production).
    var audits: [SynthAudit] = []
    var capas: [SynthCAPA] = []
    var auditSeq: [Int: Int] = [:]
    var capaSeq: [Int: Int] = [:]
    var nextCAPASignature: Int64 = 1
    var checklist: ChecklistTemplate?
    var capaPolicy = CAPAPolicy.standard
    /// Documents by their line or area, and people by theirs (finding and CAPA owners).
    var areaDocuments: [String: [Int]] = [:]
    var areaPeople: [String: [Int]] = [:]
    var production: SynthProduction?
    /// The week's files while its imports run.
    var weekFiles: [ImportKind: String] = [:]

    init(register: Register, parameters: SynthParameters, people: [SynthPerson], main: ObjectID, trailSeq: Int64, trailHead: String) throws {
        self.register = register
        self.parameters = parameters
        self.people = people
        self.main = main
        writer = SynthWriter(seq: trailSeq, head: trailHead)
        writer.knowReference(Register.mainRef, at: main)
        objects = try BulkObjectWriter(repository: register.repository)
        training = try register.trainingPolicy()
        policiesTree = try register.repository.commit(main).tree
        end = Int64(parameters.end.start.timeIntervalSince1970) + 17 * 3600
        start = Int64(parameters.end.addingDays(-365 * parameters.years).start.timeIntervalSince1970) + 7 * 3600
        cutoff = end - 3600
    }

    func date(_ time: Int64) -> Date { Date(timeIntervalSince1970: TimeInterval(time)) }

    func count(_ what: String, _ by: Int = 1) { counts[what, default: 0] += by }

    /// Builds the whole history and points content.git's references at its end.
    func run(passwordHashes: [(initial: String, final: String)]) throws {
        try addPeople(passwordHashes)
        planDocuments()
        try planQuality()
        try planProduction()
        var transactionStart = writer.seq
        while !timeline.isEmpty {
            try register.store.write { db in
                try writer.inTransaction(db) {
                    transactionStart = writer.seq
                    while writer.seq - transactionStart < SynthEngine.entriesPerTransaction, let event = timeline.next() {
                        try handle(event)
                    }
                }
            }
            if releasesSincePack >= SynthEngine.releasesPerPack { try pack() }
        }
        try pack()
        try moveReferences()
    }

    private func pack() throws {
        try objects.flush(roots: packRoots)
        packRoots = []
        releasesSincePack = 0
    }

    private func handle(_ event: SynthEvent) throws {
        let time = event.time
        switch event.kind {
        case .passwordChange: try changePassword(Int(event.person), at: time)
        case .trainingSign: try signTraining(documents[Int(event.document)], person: Int(event.person), at: time)
        case .create: try create(documents[Int(event.document)], at: time)
        case .revise: try revise(documents[Int(event.document)], at: time)
        case .reviewStart: try startReview(documents[Int(event.document)], at: time)
        case .periodicStart: try startCycleOnEffective(documents[Int(event.document)], kind: .periodic, at: time)
        case .obsoleteStart: try startCycleOnEffective(documents[Int(event.document)], kind: .obsolete, at: time)
        case .sign: try sign(documents[Int(event.document)], at: time)
        case .finish: finish(documents[Int(event.document)], at: time)
        case .auditStep: try auditStep(audits[Int(event.document)], at: time)
        case .capaStep: try capaStep(capas[Int(event.document)], at: time)
        case .dataImport: try importProduction(Int(event.document), at: time)
        }
    }

    /// Schedules a document's next step `delay` seconds on; steps past the end are left undone
    /// (so the register ends with drafts, open reviews and unsigned training like a real one).
    func schedule(_ kind: SynthEvent.Kind, _ document: SynthDocument, after time: Int64, delay: Int64) {
        if document.finishing {
            timeline.schedule(kind, at: time + 300, document: document.index)
            return
        }
        let at = time + max(60, delay)
        let limit = document.isFinal ? end - 10 * SynthEngine.day : cutoff
        guard at < limit else { return }
        timeline.schedule(kind, at: at, document: document.index)
    }

    // MARK: People

    private func addPeople(_ hashes: [(initial: String, final: String)]) throws {
        passwordFinal = hashes.map(\.final)
        let created = date(start - 3 * SynthEngine.day)
        try register.store.write { db in
            try writer.inTransaction(db) {
                for (index, person) in people.enumerated() {
                    let record = UserRecord(
                        username: person.username, name: person.name, email: "\(person.username)@synthetic.gemba.invalid", roles: person.roles.joined(separator: ","),
                        passwordHash: hashes[index].initial, passwordChangedAt: created, failedAttempts: 0, lockedAt: nil, active: true, createdAt: created)
                    let actor = Actor(username: index == 0 ? Register.systemActor : people[0].username, at: created)
                    try writer.insert(record, .user, key: record.username, action: "user.add", by: actor)
                    users.append(record)
                }
                for (index, person) in people.enumerated() {
                    guard let area = person.area else { continue }
                    let actor = Actor(username: people[0].username, at: created.addingTimeInterval(600), reason: "areas of \(person.username): \(area)")
                    try writer.insert(PersonAreaRecord(username: person.username, area: area), .personArea, key: "\(person.username)/\(area)",
                                      action: "user.area-add", by: actor)
                    _ = index
                }
            }
        }
        for index in people.indices.sorted(by: { people[$0].username < people[$1].username }) {
            for role in people[index].roles { holders[role, default: []].append(index) }
        }
        // Everyone changed their password in the last year, so every account can sign now.
        var random = SynthRandom(seed: parameters.seed, stream: 0, salt: 7)
        for index in people.indices {
            timeline.schedule(.passwordChange, at: end - random.days(2, 330), person: index)
        }
        count("people", people.count)
    }

    private func changePassword(_ index: Int, at time: Int64) throws {
        var record = users[index]
        let old = record
        record.passwordHash = passwordFinal[index]
        record.passwordChangedAt = date(time)
        record.failedAttempts = 0
        try writer.update(old, to: record, .user, key: record.username, action: "user.password",
                          by: Actor(username: record.username, at: date(time), reason: "changed by the user"))
        users[index] = record
    }

    var passwordFinal: [String] = []

    // MARK: Documents

    /// Decides each document's type, area, author and size of history, and schedules its creation.
    private func planDocuments() {
        let types = register.policies.documentTypes
        let weights: [String: Double] = ["SOP": 0.30, "WI": 0.35, "FORM": 0.18, "BOARD": 0.03, "POLICY": 0.004, "EXT": 0.136]
        let authors = (holders["author"] ?? []) + (holders["coordinator"] ?? [])
        let lines = parameters.lineNames
        let span = Double(end - 30 * SynthEngine.day - start)
        for index in 0..<parameters.documents {
            var random = SynthRandom(seed: parameters.seed, stream: UInt64(index) + 1)
            let type: DocumentType
            if index == 0 {
                type = types.first { $0.code == "POLICY" } ?? types[0]
            } else if index < types.count {
                type = types[index]
            } else {
                var roll = random.unit()
                type = types.first { roll -= weights[$0.code] ?? 0.05; return roll < 0 } ?? types[types.count - 1]
            }
            let area: String
            switch type.code {
            case "POLICY": area = "Management"
            case "EXT": area = "QA"
            default: area = random.pick(lines)
            }
            let planned = index == 0 ? max(2, parameters.revisions) : random.int(1...(2 * parameters.revisions - 1))
            let document = SynthDocument(
                index: index, random: random, type: type, area: area, author: random.pick(authors), plannedRevisions: planned,
                retires: index != 0 && random.chance(0.03), isFinal: index == 0)
            documents.append(document)
            // Most documents exist early (a plant's register is mostly its existing documents).
            let created = index == 0 ? start + SynthEngine.day : start + Int64(span * pow(random.unit(), 1.8))
            timeline.schedule(.create, at: created, document: index)
        }
        timeline.schedule(.finish, at: end - 3300, document: 0)
    }

    /// Points content.git at the history's end: main as a loose reference, every other
    /// reference (one tag per release, open drafts) in one packed-refs file.
    private func moveReferences() throws {
        let packed = writer.references.filter { $0.key != Register.mainRef }.map { (name: $0.key, target: $0.value) }
        try register.repository.createPackedReferences(packed)
        let initial = try register.gitRef(Register.mainRef)
        try register.repository.setReference(Register.mainRef, to: main, expecting: initial, logMessage: "gemba synth: history built")
    }
}
