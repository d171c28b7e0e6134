import OktaCore

/// Computes simulated user number `i` from the org's seed, without storing any user.
///
/// Base users' `created` and `lastUpdated` grow with the index and all lie before the org's
/// reference time, so a `lastUpdated gt X` query finds its range by binary search. Ids grow with
/// the index too (fixed-width base 62 in ASCII order), which keeps list cursors simple.
struct SimulatedUserGenerator: Sendable {
    let hash: DeterministicHash
    let baseCount: Int
    /// The org's "now" when it was created (whole epoch seconds); every base user predates it.
    let reference: Int64
    let emailDomain: String
    let typeID: String
    private let idPrefix: String

    static let year: Int64 = 365 * 86_400
    static let day: Int64 = 86_400

    init(seed: UInt64, baseCount: Int, reference: Int64, emailDomain: String) {
        hash = DeterministicHash(seed: seed)
        self.baseCount = baseCount
        self.reference = reference
        self.emailDomain = emailDomain
        idPrefix = DeterministicHash.alphanumerics(DeterministicHash.mix(seed ^ 0x1D), count: 4)
        typeID =
            "oty" + DeterministicHash.alphanumerics(DeterministicHash.mix(seed ^ 0x7E), count: 17)
    }

    // MARK: Ids

    /// `00u` + 4 org characters + the index in 8 base-62 digits + 5 hashed characters.
    func id(_ index: Int) -> String {
        "00u" + idPrefix + DeterministicHash.base62(index, width: 8)
            + DeterministicHash.alphanumerics(hash.bits(index, Salt.id), count: 5)
    }

    /// The index of a user id this generator produced, or nil.
    func index(ofID id: String) -> Int? {
        guard id.count == 20, id.hasPrefix("00u" + idPrefix) else { return nil }
        let digits = id.dropFirst(7).prefix(8)
        guard let index = DeterministicHash.decodeBase62(digits), self.id(index) == id else {
            return nil
        }
        return index
    }

    // MARK: Cheap facts used by filters

    func status(_ index: Int) -> String {
        if index < Self.showcase.count { return Self.showcase[index].status }
        var roll = hash.below(100, index, Salt.status)
        for (status, weight) in Self.statusWeights {
            if roll < weight { return status }
            roll -= weight
        }
        return "ACTIVE"
    }

    func created(_ index: Int) -> Int64 {
        spread(index, from: reference - 6 * Self.year, span: 4 * Self.year, salt: Salt.created)
    }

    /// Non-decreasing in `index`, always after `created(index)` and before `reference`.
    func lastUpdated(_ index: Int) -> Int64 {
        spread(
            index, from: reference - 2 * Self.year, span: 2 * Self.year - 3600,
            salt: Salt.lastUpdated)
    }

    /// The first base index whose `lastUpdated` satisfies `isAfter` (a monotone predicate).
    func firstBaseIndex(where isAfter: (Int64) -> Bool) -> Int {
        var low = 0
        var high = baseCount
        while low < high {
            let middle = (low + high) / 2
            if isAfter(lastUpdated(middle)) { high = middle } else { low = middle + 1 }
        }
        return low
    }

    func login(_ index: Int) -> String {
        let (first, last) = names(index)
        if index < Self.showcase.count {
            return "\(first.slug).\(last.slug)@\(emailDomain)"
        }
        return "\(first.slug).\(last.slug)\(index)@\(emailDomain)"
    }

    /// The index of the base user whose login is `login`, found without scanning the org.
    func index(ofLogin login: String, caseSensitive: Bool) -> Int? {
        let wanted = caseSensitive ? login : login.lowercased()
        for index in 0..<min(Self.showcase.count, baseCount) where self.login(index) == wanted {
            return index
        }
        guard let at = wanted.firstIndex(of: "@") else { return nil }
        let digits = wanted[..<at].reversed().prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count < 12, let index = Int(String(digits.reversed())),
            index >= Self.showcase.count, self.login(index) == wanted
        else { return nil }
        return index
    }

    // MARK: Whole users

    func record(_ index: Int) -> SimulatedUserRecord {
        let status = status(index)
        let created = created(index)
        let lastUpdated = lastUpdated(index)
        let isPending = status == "STAGED" || status == "PROVISIONED"
        let activated =
            isPending ? nil : created + Int64(hash.below(3 * 86_400, index, Salt.activated))
        let login = login(index)
        let isDirectory = hash.unit(index, Salt.provider) < 0.15
        var record = SimulatedUserRecord(
            index: index, id: id(index), status: status, created: created, activated: activated,
            statusChanged: statusChanged(status, created, activated, lastUpdated),
            lastLogin: lastLogin(index, status, activated, lastUpdated),
            lastUpdated: lastUpdated,
            passwordChanged: passwordChanged(index, activated, lastUpdated),
            typeID: typeID, profile: profile(index, login: login),
            providerType: isDirectory ? "ACTIVE_DIRECTORY" : "OKTA",
            providerName: isDirectory ? "acme.local" : "OKTA")
        if index < Self.showcase.count {
            let showcase = Self.showcase[index]
            if showcase.neverLoggedIn { record.lastLogin = nil }
            if showcase.recentLogin, let activated {
                record.lastLogin = max(activated, reference - Int64(3600 + index * 7919))
            }
            record.apply(profileChanges: showcase.profile)
        }
        return record
    }

    /// A user added after the org was created: everything happened at `time`.
    func addedRecord(_ index: Int, at time: Int64) -> SimulatedUserRecord {
        var record = self.record(index)
        record.status = "ACTIVE"
        record.created = time
        record.activated = time
        record.statusChanged = time
        record.lastLogin = nil
        record.lastUpdated = time
        record.passwordChanged = time
        return record
    }

    func displayName(_ index: Int) -> String {
        let (first, last) = names(index)
        return culture(index).familyNameFirst
            ? "\(last.text) \(first.text)" : "\(first.text) \(last.text)"
    }

    // MARK: Details

    private func names(_ index: Int) -> (NamePool.Name, NamePool.Name) {
        if index < Self.showcase.count {
            return (Self.showcase[index].first, Self.showcase[index].last)
        }
        let culture = culture(index)
        return (
            hash.pick(culture.firstNames, index, Salt.firstName),
            hash.pick(culture.lastNames, index, Salt.lastName)
        )
    }

    private func culture(_ index: Int) -> NamePool.Culture {
        if index < Self.showcase.count {
            return Self.showcase[index].familyNameFirst
                ? NamePool.cultures[2] : NamePool.cultures[0]
        }
        var roll = hash.below(NamePool.totalWeight, index, Salt.culture)
        for culture in NamePool.cultures {
            if roll < culture.weight { return culture }
            roll -= culture.weight
        }
        return NamePool.cultures[0]
    }

    private func spread(_ index: Int, from start: Int64, span: Int64, salt: UInt64) -> Int64 {
        let position = (Double(index) + hash.unit(index, salt)) / Double(max(baseCount, 1))
        return start + Int64(min(position, 1) * Double(span))
    }

    private func statusChanged(
        _ status: String, _ created: Int64, _ activated: Int64?,
        _ lastUpdated: Int64
    ) -> Int64? {
        switch status {
        case "STAGED": return nil
        case "PROVISIONED": return created
        case "ACTIVE": return activated
        default: return lastUpdated
        }
    }

    private func lastLogin(
        _ index: Int, _ status: String, _ activated: Int64?,
        _ lastUpdated: Int64
    ) -> Int64? {
        guard let activated else { return nil }
        let roll = hash.unit(index, Salt.lastLogin)
        let offset = hash.unit(index, Salt.lastLoginOffset)
        if status == "ACTIVE" {
            if roll < 0.22 { return nil }
            if roll < 0.62 { return reference - Int64(offset * Double(14 * Self.day)) }
            return activated + Int64(offset * Double(reference - activated))
        }
        if roll < 0.5 { return nil }
        return activated + Int64(offset * Double(max(lastUpdated - activated, 0)))
    }

    private func passwordChanged(_ index: Int, _ activated: Int64?, _ lastUpdated: Int64)
        -> Int64?
    {
        guard let activated, hash.unit(index, Salt.passwordChanged) < 0.85 else { return nil }
        let offset = hash.unit(index, Salt.passwordOffset)
        return activated + Int64(offset * Double(max(lastUpdated - activated, 0)))
    }

    private func profile(_ index: Int, login: String) -> [(name: String, value: JSONValue)] {
        let (first, last) = names(index)
        let email =
            hash.unit(index, Salt.email) < 0.1
            ? "\(first.slug)\(index)@mail.\(emailDomain)" : login
        let phone = hash.unit(index, Salt.phone) < 0.6
        var profile: [(name: String, value: JSONValue)] = [
            ("firstName", .string(first.text)), ("lastName", .string(last.text)),
            ("mobilePhone", phone ? .string("+1 555 01\(10 + index % 90)") : .null),
            ("secondEmail", .null), ("login", .string(login)), ("email", .string(email)),
        ]
        if hash.unit(index, Salt.displayName) < 0.4 {
            profile.append(("displayName", .string(displayName(index))))
        }
        let isContractor = hash.unit(index, Salt.contractor) < 0.15
        profile += [
            ("title", .string(hash.pick(NamePool.titles, index, Salt.title))),
            ("department", .string(hash.pick(NamePool.departments, index, Salt.department))),
            ("costCenter", costCenter(index)),
            ("employeeNumber", .string(String(100_000 + index))),
            ("isContractor", .bool(isContractor)),
            ("seniorityLevel", .number(Double(1 + hash.below(9, index, Salt.seniority)))),
            ("entitlements", .array(entitlements(index))),
            ("manager", manager(index)),
        ]
        if isContractor {
            profile.append(
                ("hourlyRate", .number(40 + Double(hash.below(80, index, Salt.rate)) / 4)))
        }
        let city = hash.below(NamePool.cities.count, index, Salt.city)
        profile.append(("city", .string(NamePool.cities[city])))
        profile.append(("countryCode", .string(NamePool.countryCodes[city])))
        if hash.unit(index, Salt.street) < 0.2 {
            profile.append(
                (
                    "streetAddress",
                    .string(
                        hash.pick(
                            NamePool.streetAddresses, index,
                            Salt.streetChoice))
                ))
        }
        profile.append(("nickName", .null))
        return profile
    }

    private func costCenter(_ index: Int) -> JSONValue {
        hash.unit(index, Salt.costCenter) < 0.1
            ? .null : .string("CC-\(1000 + hash.below(40, index, Salt.costCenterNumber))")
    }

    private func entitlements(_ index: Int) -> [JSONValue] {
        let bits = hash.bits(index, Salt.entitlements)
        return NamePool.entitlements.indices.filter { bits >> UInt64($0 * 3) & 7 == 0 }
            .map { .string(NamePool.entitlements[$0]) }
    }

    private func manager(_ index: Int) -> JSONValue {
        guard index > 0, hash.unit(index, Salt.manager) < 0.8 else { return .null }
        let managerIndex = hash.below(min(index, 50), index, Salt.managerIndex)
        return .object([
            "id": .string(id(managerIndex)), "displayName": .string(displayName(managerIndex)),
        ])
    }

    // MARK: Tables

    static let statusWeights: [(String, Int)] = [
        ("ACTIVE", 70), ("STAGED", 4), ("PROVISIONED", 5), ("RECOVERY", 2),
        ("PASSWORD_EXPIRED", 3), ("LOCKED_OUT", 3), ("SUSPENDED", 4), ("DEPROVISIONED", 9),
    ]

    /// Hand-picked first users so even a tiny org shows every status and every awkward name.
    struct Showcase: Sendable {
        var first: NamePool.Name
        var last: NamePool.Name
        var status: String
        var familyNameFirst = false
        var neverLoggedIn = false
        var recentLogin = false
        var profile: [String: JSONValue] = [:]
    }

    static let showcase: [Showcase] = [
        Showcase(
            first: .init(text: "Ada", slug: "ada"), last: .init(text: "Lovelace", slug: "lovelace"),
            status: "ACTIVE", recentLogin: true,
            profile: ["title": .string("Okta Administrator"), "department": .string("IT")]),
        Showcase(
            first: .init(text: "José", slug: "jose"), last: .init(text: "Müller", slug: "muller"),
            status: "ACTIVE", recentLogin: true),
        Showcase(
            first: .init(text: "太郎", slug: "taro"), last: .init(text: "山田", slug: "yamada"),
            status: "ACTIVE", familyNameFirst: true, neverLoggedIn: true,
            profile: ["displayName": .string("山田 太郎")]),
        Showcase(
            first: .init(text: "محمد", slug: "mohammed"),
            last: .init(text: "العلي", slug: "alali"), status: "SUSPENDED"),
        Showcase(
            first: .init(text: "נועה", slug: "noa"), last: .init(text: "כהן", slug: "cohen"),
            status: "LOCKED_OUT"),
        Showcase(
            first: .init(text: "Maria-Fernanda Esperanza Guadalupe", slug: "mariafernanda"),
            last: .init(
                text: "de los Ángeles Montenegro-Villavicencio y Santa Cruz de la Peña",
                slug: "montenegro"),
            status: "PASSWORD_EXPIRED"),
        Showcase(
            first: .init(text: "Siobhán", slug: "siobhan"),
            last: .init(text: "O'Brien", slug: "obrien"), status: "RECOVERY",
            profile: [
                "title": .string("Director, \"Special\" Projects"),
                "streetAddress": .string("1 Main St\nSuite 200"),
            ]),
        Showcase(
            first: .init(text: "\u{1B}[31mEvil\u{1B}[0m", slug: "evil"),
            last: .init(text: "Escape", slug: "escape"), status: "ACTIVE", recentLogin: true),
        Showcase(
            first: .init(text: "Zoë", slug: "zoe"), last: .init(text: "Ångström", slug: "angstrom"),
            status: "STAGED", profile: ["department": .string("<b>bold</b>")]),
        Showcase(
            first: .init(text: "娜", slug: "na"), last: .init(text: "李", slug: "li"),
            status: "PROVISIONED", familyNameFirst: true),
        Showcase(
            first: .init(text: "François", slug: "francois"),
            last: .init(text: "Dubois-Lefèvre", slug: "duboislefevre"), status: "DEPROVISIONED"),
        Showcase(
            first: .init(text: "민준", slug: "minjun"), last: .init(text: "김", slug: "kim"),
            status: "ACTIVE", familyNameFirst: true, neverLoggedIn: true),
    ]

    /// Distinct salts so that every attribute draws independent bits.
    private enum Salt {
        static let id: UInt64 = 1
        static let status: UInt64 = 2
        static let created: UInt64 = 3
        static let lastUpdated: UInt64 = 4
        static let activated: UInt64 = 5
        static let lastLogin: UInt64 = 6
        static let lastLoginOffset: UInt64 = 7
        static let passwordChanged: UInt64 = 8
        static let passwordOffset: UInt64 = 9
        static let culture: UInt64 = 10
        static let firstName: UInt64 = 11
        static let lastName: UInt64 = 12
        static let email: UInt64 = 13
        static let phone: UInt64 = 14
        static let displayName: UInt64 = 15
        static let contractor: UInt64 = 16
        static let title: UInt64 = 17
        static let department: UInt64 = 18
        static let seniority: UInt64 = 19
        static let rate: UInt64 = 20
        static let city: UInt64 = 21
        static let street: UInt64 = 22
        static let streetChoice: UInt64 = 23
        static let costCenter: UInt64 = 24
        static let costCenterNumber: UInt64 = 25
        static let entitlements: UInt64 = 26
        static let manager: UInt64 = 27
        static let managerIndex: UInt64 = 28
        static let provider: UInt64 = 29
    }
}
