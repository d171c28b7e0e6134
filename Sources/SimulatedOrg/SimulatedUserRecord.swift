import Foundation
import OktaCore

/// One simulated user with every field Okta returns, produced on demand and never stored.
struct SimulatedUserRecord: Sendable {
    var index: Int
    var id: String
    var status: String
    var created: Int64
    var activated: Int64?
    var statusChanged: Int64?
    var lastLogin: Int64?
    var lastUpdated: Int64
    var passwordChanged: Int64?
    var typeID: String
    /// Profile attributes in the order Okta writes them.
    var profile: [(name: String, value: JSONValue)]
    var providerType: String
    var providerName: String

    /// Sets or adds profile attributes, keeping existing ones in place and appending new ones.
    mutating func apply(profileChanges: [String: JSONValue]) {
        for name in profileChanges.keys.sorted() {
            let value = profileChanges[name] ?? .null
            if let position = profile.firstIndex(where: { $0.name == name }) {
                profile[position].value = value
            } else {
                profile.append((name, value))
            }
        }
    }

    func profileValue(_ name: String) -> JSONValue? {
        profile.first { $0.name == name }?.value
    }

    /// The user as the rest of okta-connect decodes it.
    var oktaUser: OktaUser {
        OktaUser(
            id: id, status: status, created: Self.date(created),
            activated: activated.map(Self.date),
            statusChanged: statusChanged.map(Self.date), lastLogin: lastLogin.map(Self.date),
            lastUpdated: Self.date(lastUpdated), passwordChanged: passwordChanged.map(Self.date),
            profile: Dictionary(profile.map { ($0.name, $0.value) }, uniquingKeysWith: { $1 }))
    }

    /// Writes the user exactly as `GET /api/v1/users` lists it.
    func writeJSON(into json: inout JSONWriter, origin: String) {
        json.raw("{")
        json.key("id", first: true)
        json.string(id)
        json.key("status")
        json.string(status)
        for (name, time) in [
            ("created", Optional(created)), ("activated", activated),
            ("statusChanged", statusChanged), ("lastLogin", lastLogin),
            ("lastUpdated", Optional(lastUpdated)), ("passwordChanged", passwordChanged),
        ] {
            json.key(name)
            json.timestamp(time)
        }
        json.key("type")
        json.raw("{\"id\":")
        json.string(typeID)
        json.raw("}")
        json.key("profile")
        json.raw("{")
        for (position, attribute) in profile.enumerated() {
            json.key(attribute.name, first: position == 0)
            json.value(attribute.value)
        }
        json.raw("}")
        writeCredentials(into: &json)
        json.key("_links")
        json.raw("{\"self\":{\"href\":")
        json.string("\(origin)/api/v1/users/\(id)")
        json.raw("}}}")
    }

    private func writeCredentials(into json: inout JSONWriter) {
        json.key("credentials")
        json.raw("{")
        var first = true
        if status != "DEPROVISIONED", providerType == "OKTA" {
            json.key("password", first: true)
            json.raw("{}")
            first = false
        }
        if let email = profileValue("email")?.stringValue {
            json.key("emails", first: first)
            json.raw("[{\"value\":")
            json.string(email)
            json.raw(",\"status\":\"VERIFIED\",\"type\":\"PRIMARY\"}]")
            first = false
        }
        json.key("provider", first: first)
        json.raw("{\"type\":")
        json.string(providerType)
        json.raw(",\"name\":")
        json.string(providerName)
        json.raw("}}")
    }

    static func date(_ seconds: Int64) -> Date {
        Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// Okta's timestamp text, always with `.000Z` milliseconds.
    static func isoText(_ seconds: Int64) -> String {
        OktaTimestamp.format(seconds)
    }
}
