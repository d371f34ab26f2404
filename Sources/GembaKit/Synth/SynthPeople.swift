import Foundation

/// One synthetic person: account, roles and the area or line they work in.
struct SynthPerson {
    let username: String
    let name: String
    let roles: [String]
    let area: String?
}

enum SynthPeople {
    private static let firstNames = [
        "Anna", "Ben", "Clara", "David", "Elif", "Farid", "Greta", "Hugo", "Ines", "Jonas", "Kira", "Lars", "Maya", "Nils",
        "Olga", "Paul", "Quinn", "Rosa", "Samir", "Tanja", "Umar", "Vera", "Wim", "Xenia", "Yusuf", "Zoe", "Marta", "Tomas",
        "Lena", "Piotr",
    ]
    private static let lastNames = [
        "Keller", "Berg", "Chen", "Brandt", "Novak", "Schmidt", "Okafor", "Larsen", "Rossi", "Weber", "Silva", "Kowalski",
        "Dubois", "Yilmaz", "Meyer", "Hansen", "Moreau", "Fischer", "Nakamura", "Costa", "Wagner", "Horvat", "Lindqvist",
        "Petrov", "Jensen", "Garcia", "Müller", "Haas", "Ito", "Varga",
    ]

    /// The people of the plant: one administrator, then coordinators, quality, approvers,
    /// reviewers, authors and a few viewers; everyone else is an operator on a line.
    static func make(_ parameters: SynthParameters, random: inout SynthRandom) -> [SynthPerson] {
        let count = parameters.people
        let lines = parameters.lineNames
        let quotas: [(role: String, count: Int)] = [
            ("coordinator", max(2, count * 3 / 100)), ("quality", max(3, count * 4 / 100)), ("approver", max(3, count * 6 / 100)),
            ("reviewer", max(3, count / 10)), ("author", max(3, count * 12 / 100)), ("viewer", max(0, count / 50)),
        ]
        var roles: [String] = ["admin"]
        for quota in quotas { roles += Array(repeating: quota.role, count: quota.count) }
        roles += Array(repeating: "operator", count: max(0, count - roles.count))
        roles = Array(roles.prefix(count))
        var taken = Set<String>()
        var people: [SynthPerson] = []
        for (index, role) in roles.enumerated() {
            let first = random.pick(firstNames), last = random.pick(lastNames)
            var base = "\(first.prefix(1))\(last)".lowercased().replacingOccurrences(of: "ü", with: "ue")
            if index == 0 { base = "admin" }
            var username = base
            var suffix = 2
            while taken.contains(username) {
                username = "\(base)\(suffix)"
                suffix += 1
            }
            taken.insert(username)
            let line = lines[index % lines.count]
            let area: String?
            var held = [role]
            switch role {
            case "operator":
                area = line
                held.append(SynthPolicies.crewRole(line))
            case "author", "reviewer": area = line
            case "quality": area = "QA"
            case "approver": area = ["Management", "Maintenance", "EHS"][index % 3]
            case "coordinator": area = "Management"
            default: area = nil
            }
            people.append(SynthPerson(username: username, name: index == 0 ? "Register Administrator" : "\(first) \(last)", roles: held.sorted(), area: area))
        }
        return people
    }
}
