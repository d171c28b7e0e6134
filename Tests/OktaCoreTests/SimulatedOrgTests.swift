import Foundation
import OktaCore
import SimulatedOrg
import Testing

@Suite struct SimulatedOrgTests {
    @Test func sameSeedGivesSameUsersAndOtherSeedsDiffer() throws {
        let first = SimulatedOrg.testOrg(users: 60, seed: 42, host: "same.okta.com")
        let second = SimulatedOrg.testOrg(users: 60, seed: 42, host: "same.okta.com")
        let other = SimulatedOrg.testOrg(users: 60, seed: 43)

        #expect(
            first.get("/api/v1/users?limit=200").body == second.get("/api/v1/users?limit=200").body)
        var firstUsers: [OktaUser] = []
        first.forEachUser { firstUsers.append($0) }
        var secondUsers: [OktaUser] = []
        second.forEachUser { secondUsers.append($0) }
        #expect(firstUsers == secondUsers)
        #expect(firstUsers.count == 60)
        #expect(other.user(at: 20)?.id != first.user(at: 20)?.id)
    }

    @Test func idsLookLikeOktaIdsAndSortInGenerationOrder() {
        let org = SimulatedOrg.testOrg(users: 500)
        var ids: [String] = []
        org.forEachUser { ids.append($0.id) }
        #expect(ids == ids.sorted())
        #expect(Set(ids).count == 500)
        for id in ids {
            #expect(id.count == 20)
            #expect(id.hasPrefix("00u"))
            #expect(id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) })
        }
    }

    @Test func paginationVisitsEveryListedUserOnceAndOmitsDeprovisioned() throws {
        let org = SimulatedOrg.testOrg(users: 450)
        var all: [OktaUser] = []
        org.forEachUser { all.append($0) }
        let visible = all.filter { $0.status != "DEPROVISIONED" }.map(\.id)
        let deprovisioned = all.filter { $0.status == "DEPROVISIONED" }.map(\.id)
        #expect(!deprovisioned.isEmpty)

        let plain = try org.walk("/api/v1/users?limit=50")
        #expect(plain.ids == visible)
        #expect(plain.pages >= visible.count / 50)

        let filtered = try org.walk("/api/v1/users?filter=status+eq+%22DEPROVISIONED%22")
        #expect(filtered.ids == deprovisioned)
    }

    @Test func filterCoveringEveryStatusReturnsTheWholeOrg() throws {
        let org = SimulatedOrg.testOrg(users: 300)
        let statuses = [
            "ACTIVE", "STAGED", "PROVISIONED", "RECOVERY", "PASSWORD_EXPIRED", "LOCKED_OUT",
            "SUSPENDED", "DEPROVISIONED",
        ]
        let filter = statuses.map { "status eq \"\($0)\"" }.joined(separator: " or ")
        let query = filter.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        let walked = try org.walk("/api/v1/users?limit=200&filter=\(query)")
        var all: [OktaUser] = []
        org.forEachUser { all.append($0) }
        #expect(walked.ids == all.map(\.id))
        #expect(Set(all.map(\.status)) == Set(statuses))
    }

    @Test func linkHeadersAreSeparateFieldsWithOktaEncoding() throws {
        let org = SimulatedOrg.testOrg(users: 100)
        let response = org.get("/api/v1/users?search=status%20eq%20%22ACTIVE%22&limit=5")
        let links = response.values(forHeader: "Link")
        #expect(links.count == 2)
        #expect(
            links[0]
                == "<https://\(org.configuration.host)/api/v1/users?limit=5&search=status+eq+%22ACTIVE%22>; rel=\"self\""
        )
        #expect(links[1].hasPrefix("<https://\(org.configuration.host)/api/v1/users?after="))
        #expect(links[1].hasSuffix("&limit=5&search=status+eq+%22ACTIVE%22>; rel=\"next\""))

        let defaultLimit = org.get("/api/v1/users?limit=5000")
        #expect(defaultLimit.values(forHeader: "Link").first?.contains("limit=200") == true)
        let last = org.get("/api/v1/users?filter=id+eq+%22\(org.user(at: 3)!.id)%22")
        #expect(last.values(forHeader: "Link").count == 1)
    }

    @Test func everyResponseCarriesOktaHeaders() throws {
        let org = SimulatedOrg.testOrg()
        var requestIDs: Set<String> = []
        for path in ["/api/v1/users/me", "/api/v1/org", "/api/v1/users?limit=1", "/api/v1/nope"] {
            let response = org.get(path)
            #expect(response.value(forHeader: "Content-Type") == "application/json")
            let date = try #require(response.value(forHeader: "Date"))
            #expect(OktaDate.parseHTTPDate(date) == Date(timeIntervalSince1970: 1_780_000_000))
            let requestID = try #require(response.value(forHeader: "X-Okta-Request-Id"))
            #expect(requestID.count == 32 && requestID.allSatisfy(\.isHexDigit))
            requestIDs.insert(requestID)
            #expect(response.value(forHeader: "X-Rate-Limit-Limit") != nil)
            #expect(response.value(forHeader: "X-Rate-Limit-Remaining") != nil)
            let reset = try #require(
                response.value(forHeader: "X-Rate-Limit-Reset").flatMap { Int($0) })
            #expect(reset == 1_780_000_020)
        }
        #expect(requestIDs.count == 4)
    }

    @Test func userJSONHasOktaShapeAndRealisticVariety() throws {
        let org = SimulatedOrg.testOrg(users: 2_000)
        let response = org.get("/api/v1/users?limit=200&search=status+pr")
        let users = try JSONDecoder().decode([[String: JSONValue]].self, from: response.body)
        let first = users[0]
        for key in [
            "id", "status", "created", "activated", "statusChanged", "lastLogin", "lastUpdated",
            "passwordChanged", "type", "profile", "credentials", "_links",
        ] {
            #expect(first[key] != nil, "missing \(key)")
        }
        #expect(
            first["_links"]?["self"]?["href"]?.stringValue
                == "https://\(org.configuration.host)/api/v1/users/\(first["id"]!.stringValue!)")
        #expect(first["created"]?.stringValue?.hasSuffix(".000Z") == true)

        let staged = try #require(users.first { $0["status"] == .string("STAGED") })
        #expect(staged["activated"] == .null && staged["lastLogin"] == .null)
        let text = response.bodyText
        for fragment in [
            "José", "Müller", "山田", "太郎", "العلي", "כהן", "O'Brien", "\\\"Special\\\"",
            "\\n", "\\u001b[31mEvil", "<b>bold</b>", "\"entitlements\":[", "\"manager\":{",
            "\"isContractor\":", "\"seniorityLevel\":", "\"costCenter\":null", "\"nickName\":null",
        ] {
            #expect(text.contains(fragment), "no \(fragment)")
        }
        let decoded = try JSONDecoder().decode([OktaUser].self, from: response.body)
        #expect(decoded.contains { $0.displayName.count > 60 })
        #expect(decoded.contains { $0.lastLogin == nil && $0.status == "ACTIVE" })
    }

    @Test func lastUpdatedFilterFindsMutationsAndAdditions() throws {
        let clock = SimulatedOrgTestClock()
        let org = SimulatedOrg.testOrg(users: 1_000, clock: clock)
        let before = OktaDate.format(clock.now)
        let since =
            "/api/v1/users?filter=" + "lastUpdated gt \"\(before)\""
            .addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        #expect(try org.walk(since).ids.isEmpty)

        clock.advance(5)
        let victim = try #require(org.user(at: 17)).id
        let renamed = try #require(org.user(at: 400)).id
        #expect(org.deactivateUser(victim))
        #expect(org.updateProfile(ofUser: renamed, ["department": .string("Platform")]))
        let added = org.addUsers(3)
        let touched = org.touchUsers(fraction: 0.01)
        #expect(!touched.isEmpty && touched.count < 40)

        let changed = try org.walk(since).ids
        #expect(Set(changed) == Set([victim, renamed] + added + touched))
        #expect(changed == changed.sorted())
        #expect(org.user(id: victim)?.status == "DEPROVISIONED")
        #expect(org.user(id: renamed)?.profile["department"] == .string("Platform"))
        #expect(org.userCount == 1_003)
        #expect(!(try org.walk("/api/v1/users")).ids.contains(victim))

        let midpoint = try #require(org.user(at: 500)?.lastUpdated)
        let older =
            "/api/v1/users?filter=" + "lastUpdated lt \"\(OktaDate.format(midpoint))\""
            .addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        let olderIDs = try org.walk(older).ids
        #expect(!olderIDs.contains(victim))
        #expect(olderIDs.count >= 480 && olderIDs.count <= 500)
    }

    @Test func singleUserEndpointsAndErrors() throws {
        let org = SimulatedOrg.testOrg()
        let me = try JSONDecoder().decode(OktaUser.self, from: org.get("/api/v1/users/me").body)
        #expect(me.id == org.tokenOwner.id)
        #expect(me.status == "ACTIVE")

        let byID = org.get("/api/v1/users/\(org.user(at: 9)!.id)")
        #expect(byID.status == 200)
        let byLogin = org.get("/api/v1/users/\(org.user(at: 50)!.login!)")
        #expect(
            try JSONDecoder().decode(OktaUser.self, from: byLogin.body).id == org.user(at: 50)?.id)

        let missing = org.get("/api/v1/users/00uNOPE0000000000000")
        #expect(missing.status == 404)
        let body = try jsonObject(missing)
        #expect(body["errorCode"] == .string("E0000007"))
        #expect(
            body["errorSummary"]
                == .string("Not found: Resource not found: 00uNOPE0000000000000 (User)"))
        #expect(body["errorLink"] == .string("E0000007"))
        #expect(body["errorId"]?.stringValue?.hasPrefix("oae") == true)
        #expect(body["errorCauses"] == .array([]))

        #expect(try jsonObject(org.get("/api/v1/groups"))["errorCode"] == .string("E0000022"))
        let page = org.get("/admin/dashboard")
        #expect(
            page.status == 404
                && page.value(forHeader: "Content-Type")?.hasPrefix("text/html") == true)

        let org2 = try jsonObject(org.get("/api/v1/org"))
        #expect(org2["subdomain"] == .string(String(org.configuration.host.prefix { $0 != "." })))
        #expect(org2["companyName"] == .string("Acme Corporation"))
        #expect(org2["id"]?.stringValue?.hasPrefix("00o") == true)
    }

    @Test func wellKnownNeedsNoTokenAndOthersRejectBadTokens() throws {
        let org = SimulatedOrg.testOrg()
        let wellKnown = org.respond(
            to: SimulatedRequest(
                url: URL(string: "https://\(org.configuration.host)/.well-known/okta-organization")!
            ))
        #expect(wellKnown.status == 200)
        let body = try jsonObject(wellKnown)
        #expect(body["pipeline"] == .string("idx"))
        #expect(
            body["_links"]?["organization"]?["href"] == .string("https://\(org.configuration.host)")
        )

        let wrong = org.get("/api/v1/users/me", token: "00wrongwrongwrongwrongwrongwrongwrongwrong")
        #expect(wrong.status == 401)
        #expect(try jsonObject(wrong)["errorCode"] == .string("E0000011"))
        #expect(try jsonObject(wrong)["errorSummary"] == .string("Invalid token provided"))
        let none = org.respond(
            to: SimulatedRequest(url: URL(string: "https://\(org.configuration.host)/api/v1/org")!))
        #expect(none.status == 401)
        #expect(!org.requestLog.joined().contains("00wrong"))
    }

    @Test func invalidExpressionsAreRejectedAsOktaDoes() throws {
        let org = SimulatedOrg.testOrg()
        for query in [
            "filter=status+ne+%22ACTIVE%22", "filter=profile.department+eq+%22IT%22",
            "filter=status+eq+ACTIVE", "filter=status+eq+%22ACTIVE%22+and", "search=(status+pr",
            "filter=lastUpdated+gt+%22yesterday%22", "filter=status+pr",
            "filter=status+eq+%22ACTIVE%22&search=status+pr",
        ] {
            let response = org.get("/api/v1/users?\(query)")
            #expect(response.status == 400, "\(query)")
            #expect(try jsonObject(response)["errorCode"] == .string("E0000031"), "\(query)")
        }
        let search = org.get(
            "/api/v1/users?search=profile.department+eq+%22it%22+and+(status+eq+%22ACTIVE%22)")
        let users = try JSONDecoder().decode([OktaUser].self, from: search.body)
        #expect(!users.isEmpty)
        #expect(
            users.allSatisfy { $0.profile["department"] == .string("IT") && $0.status == "ACTIVE" })
    }

    @Test func qMatchesNamePrefixesWithoutDeprovisionedOrPaging() throws {
        let org = SimulatedOrg.testOrg(users: 400)
        let response = org.get("/api/v1/users?q=fran")
        let users = try JSONDecoder().decode([OktaUser].self, from: response.body)
        #expect(!users.isEmpty && users.count <= 10)
        #expect(users.allSatisfy { $0.status != "DEPROVISIONED" })
        #expect(
            users.allSatisfy { user in
                [user.firstName, user.lastName, user.email].contains {
                    $0?.lowercased().hasPrefix("fran") == true
                }
            })
        #expect(response.values(forHeader: "Link").count == 1)
    }

    @Test func searchRefusesResultsPastTheCap() throws {
        let org = SimulatedOrg.testOrg(users: 100)
        let first = org.get("/api/v1/users?search=status+pr&limit=10")
        let next = try #require(nextLink(first.values(forHeader: "Link")))
        let cursor = try #require(next.split(separator: "after=").last?.split(separator: "&").first)
        let id = cursor.split(separator: "-").first!
        let farAway = org.get("/api/v1/users?search=status+pr&after=\(id)-50000")
        #expect(farAway.status == 400)
        #expect(org.get("/api/v1/users?search=status+pr&after=\(id)-10").status == 200)
    }

    @Test func timestampsMatchOktaDateAndBaseUsersAreMonotonic() throws {
        let org = SimulatedOrg.testOrg(users: 3_000)
        var previous = Date.distantPast
        var index = 0
        org.forEachUser { user in
            #expect(user.lastUpdated! >= previous)
            #expect(user.lastUpdated! >= user.created!)
            #expect(user.lastUpdated! < Date(timeIntervalSince1970: 1_780_000_000))
            previous = user.lastUpdated!
            index += 1
        }
        let response = org.get("/api/v1/users?limit=200&search=status+pr")
        let raw = try JSONDecoder().decode([[String: JSONValue]].self, from: response.body)
        let users = try JSONDecoder().decode([OktaUser].self, from: response.body)
        for (text, user) in zip(raw, users) {
            let dates: [(String, Date?)] = [
                ("created", user.created), ("activated", user.activated),
                ("statusChanged", user.statusChanged), ("lastLogin", user.lastLogin),
                ("lastUpdated", user.lastUpdated), ("passwordChanged", user.passwordChanged),
            ]
            for (key, date) in dates {
                #expect(text[key] == (date.map { .string(OktaDate.format($0)) } ?? .null), "\(key)")
            }
        }
    }

    @Test func adminHostLinksPointAtTheCanonicalHost() throws {
        let org = SimulatedOrg.testOrg(host: "acme-canonical.okta.com")
        let response = org.get("https://acme-canonical-admin.okta.com/api/v1/users?limit=1")
        #expect(response.status == 200)
        #expect(
            response.values(forHeader: "Link").allSatisfy {
                $0.hasPrefix("<https://acme-canonical.okta.com/api/v1/users?")
            })
    }
}
