import OktaCore

/// Changes made to one user after the org was created (or a user added later).
struct UserOverlay: Sendable {
    /// Set for users added after creation: their `created` time.
    var addedAt: Int64?
    var status: String?
    var statusChanged: Int64?
    var lastUpdated: Int64
    var profileChanges: [String: JSONValue] = [:]
}

/// One user as a filter sees it: cheap facts first, the whole record only when needed.
final class SimulatedUserFacts {
    let index: Int
    private let generator: SimulatedUserGenerator
    private let overlay: UserOverlay?
    private var cachedRecord: SimulatedUserRecord?

    init(index: Int, generator: SimulatedUserGenerator, overlay: UserOverlay?) {
        self.index = index
        self.generator = generator
        self.overlay = overlay
    }

    var status: String {
        if let status = overlay?.status { return status }
        return overlay?.addedAt == nil ? generator.status(index) : "ACTIVE"
    }

    var lastUpdated: Int64 {
        overlay?.lastUpdated ?? generator.lastUpdated(index)
    }

    var record: SimulatedUserRecord {
        if let cachedRecord { return cachedRecord }
        let built = Self.record(index, generator: generator, overlay: overlay)
        cachedRecord = built
        return built
    }

    /// The user with every overlay change applied.
    static func record(_ index: Int, generator: SimulatedUserGenerator, overlay: UserOverlay?)
        -> SimulatedUserRecord
    {
        guard let overlay else { return generator.record(index) }
        var record =
            overlay.addedAt.map { generator.addedRecord(index, at: $0) } ?? generator.record(index)
        if let status = overlay.status { record.status = status }
        if let statusChanged = overlay.statusChanged { record.statusChanged = statusChanged }
        record.lastUpdated = overlay.lastUpdated
        record.apply(profileChanges: overlay.profileChanges)
        return record
    }

    func time(of attribute: String) -> Int64? {
        switch attribute {
        case "lastUpdated": return lastUpdated
        case "created": return record.created
        case "activated": return record.activated
        case "statusChanged": return record.statusChanged
        case "lastLogin": return record.lastLogin
        case "passwordChanged": return record.passwordChanged
        default: return nil
        }
    }

    func value(of attribute: String) -> JSONValue? {
        switch attribute {
        case "id": return .string(generator.id(index))
        case "status": return .string(status)
        case "type.id": return .string(generator.typeID)
        case "profile.login" where overlay == nil: return .string(generator.login(index))
        default:
            if let time = time(of: attribute) { return .string(SimulatedUserRecord.isoText(time)) }
            guard attribute.hasPrefix("profile.") else { return nil }
            return record.profileValue(String(attribute.dropFirst(8)))
        }
    }
}
