import Foundation
import GembaGit

/// The sample plant's history as a list of timed events, run in time order through the same
/// services a user calls, with the register's clock set to each event's moment. Each capability
/// adds its events in its own `SampleReplay` extension (`scheduleDocuments`, ...).
final class SampleReplay {
    static let day: TimeInterval = 86_400

    private struct Event {
        let time: Date
        let order: Int
        let run: () throws -> Void
    }

    let sample: URL
    let register: Register
    let policies: Policies
    let people: [NewUser]
    let clock: ManualClock
    let now: Date
    let demoPassword: String
    /// Who starts periodic reviews in the replay: the first person allowed to.
    let coordinator: String
    let accountsCreated: Date
    private var events: [Event] = []
    private var passwords: [String: String] = [:]
    /// Passwords age (policies/register.yaml): every account changes its password every 300 days
    /// of the replay, ending on the demo password.
    private let rotationDays = 300.0
    private let rotations: Int

    init(sample: URL, root: URL, policyFiles: [String: Data], policies: Policies, people: [NewUser], admin: NewUser,
         demoPassword: String, now: Date, startDaysAgo: Int) throws {
        self.sample = sample
        self.policies = policies
        self.people = people
        self.now = now
        self.demoPassword = demoPassword
        clock = ManualClock(now.addingTimeInterval(-Double(startDaysAgo) * SampleReplay.day))
        rotations = Int((Double(startDaysAgo) - 1) / rotationDays)
        accountsCreated = clock.now()
        coordinator = people.first { policies.permissions(ofRoles: $0.roles).contains(.reviewStart) }?.username ?? admin.username
        register = try Register.create(
            at: root, policyFiles: policyFiles,
            setupBy: GitPerson(name: admin.name, email: admin.email ?? "\(admin.username)@gemba.invalid", time: clock.now()), clock: clock)
        var first = admin
        first.password = passwordVersion(0)
        try register.addUser(first, by: nil)
        let adminCredentials = SignerCredentials(username: admin.username, password: passwordVersion(0))
        for var person in people where person.username != admin.username {
            person.password = passwordVersion(0)
            try register.addUser(person, by: adminCredentials)
        }
        for person in people { passwords[person.username] = passwordVersion(0) }
    }

    private func passwordVersion(_ index: Int) -> String { index >= rotations ? demoPassword : "\(demoPassword)-r\(index)" }

    /// The person's password at the moment the event runs.
    func credentials(_ username: String) -> SignerCredentials {
        SignerCredentials(username: username, password: passwords[username] ?? demoPassword)
    }

    /// A moment `daysAgo` days before today's midnight plus `seconds`, never later than a minute ago.
    func at(_ daysAgo: Double, plus seconds: TimeInterval = 0) -> Date {
        min(Day(now).start.addingTimeInterval(-daysAgo * SampleReplay.day + seconds), now.addingTimeInterval(-60))
    }

    func schedule(_ time: Date, _ run: @escaping () throws -> Void) {
        events.append(Event(time: time, order: events.count, run: run))
    }

    /// Signatures spread evenly between two moments, in order.
    func scheduleSignatures(_ id: String, _ signers: [(String, SignatureMeaning)], from start: Date, to end: Date) {
        for (index, signer) in signers.enumerated() {
            let time = start.addingTimeInterval(end.timeIntervalSince(start) * Double(index + 1) / Double(signers.count + 2))
            schedule(time) { _ = try self.register.sign(id, meaning: signer.1, signer: self.credentials(signer.0)) }
        }
    }

    func schedulePasswordChanges() throws {
        for (index, person) in people.enumerated() {
            for rotation in 0..<rotations {
                let time = accountsCreated.addingTimeInterval(Double(rotation + 1) * rotationDays * SampleReplay.day + Double(index * 300))
                schedule(time) {
                    try self.register.changePassword(of: person.username, to: self.passwordVersion(rotation + 1), by: self.credentials(person.username))
                    self.passwords[person.username] = self.passwordVersion(rotation + 1)
                }
            }
        }
    }

    /// Runs every event in time order, then brings the clock to now.
    func run() throws {
        for event in events.sorted(by: { ($0.time, $0.order) < ($1.time, $1.order) }) {
            clock.set(event.time)
            try event.run()
        }
        clock.set(now)
        try register.releaseDue()
    }
}
