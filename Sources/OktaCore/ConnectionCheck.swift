import Foundation

/// The connection test: four read-only GETs, each reported in plain language.
///
/// 1. the address is an Okta org (`/.well-known/okta-organization`, sent without the token, so
///    a mistyped domain never receives it);
/// 2. the token is valid and who owns it (`/api/v1/users/me`);
/// 3. the token may list users, which the sync needs (`/api/v1/users?limit=1`);
/// 4. org details (`/api/v1/org`; a 403 is only a warning: the token works, its role is small).
///
/// Nothing here changes the org: in particular the token-revoking endpoint is never called.
/// Transient failures are retried by the client before a step is reported as failed.
public struct ConnectionCheck: Sendable {
    let client: OktaClient
    let clock: any OktaClock

    public init(client: OktaClient, clock: any OktaClock = SystemClock()) {
        self.client = client
        self.clock = clock
    }

    /// Runs every step in order, calling `onUpdate` with the report as each step starts and
    /// ends (for a live checklist). Cancelling the task stops at the current step.
    public func run(onUpdate: @Sendable (CheckReport) -> Void = { _ in }) async -> CheckReport {
        var report = CheckReport(orgURL: client.org.origin)
        onUpdate(report)

        for step in CheckStep.allCases {
            if Task.isCancelled {
                report.failure = report.failure ?? OktaError(.cancelled)
                break
            }
            let index = report.steps.firstIndex { $0.step == step }!
            report.steps[index].status = .running
            onUpdate(report)

            let started = clock.now
            let outcome = await perform(step, report: &report)
            report.steps[index].status = outcome.status
            report.steps[index].message = outcome.message
            report.steps[index].requestId = outcome.requestId
            report.steps[index].duration = clock.now.timeIntervalSince(started)
            if let error = outcome.error, outcome.status == .fail {
                report.failure = report.failure ?? error
            }
            onUpdate(report)
            if outcome.status == .fail && step.stopsOnFailure { break }
        }

        for index in report.steps.indices where report.steps[index].status == .pending {
            report.steps[index].status = .skipped
            report.steps[index].message = "Not run: an earlier check failed."
        }
        report.tokenLastUsed = client.statistics.tokenLastUsed
        report.finished = true
        onUpdate(report)
        return report
    }

    private struct Outcome {
        var status: CheckStepResult.Status
        var message: String
        var requestId: String?
        var error: OktaError?
    }

    private func perform(_ step: CheckStep, report: inout CheckReport) async -> Outcome {
        do throws(OktaError) {
            switch step {
            case .oktaOrg:
                let response = try await client.get(
                    "/.well-known/okta-organization", as: WellKnownOrganization.self,
                    authenticated: false)
                guard response.value.id != nil || response.value._links?.organization != nil
                else {
                    // Any server can answer 200 with JSON; an org's document names the org.
                    throw OktaError(
                        .notAnOktaOrg, httpStatus: response.status,
                        requestId: response.requestId, host: client.org.host)
                }
                let pipeline = response.value.pipeline.map {
                    $0 == "idx" ? "Identity Engine" : "Classic"
                }
                return Outcome(
                    status: .pass,
                    message: "\(client.org.host) is an Okta org"
                        + (pipeline.map { " (\($0))." } ?? "."),
                    requestId: response.requestId)
            case .tokenOwner:
                let response = try await client.get("/api/v1/users/me", as: OktaUser.self)
                let owner = TokenOwner(user: response.value)
                report.owner = owner
                return Outcome(
                    status: .pass, message: "The token belongs to \(owner.login).",
                    requestId: response.requestId)
            case .listUsers:
                let response = try await client.get(
                    "/api/v1/users", query: [URLQueryItem(name: "limit", value: "1")],
                    as: [OktaUser].self)
                return Outcome(
                    status: .pass, message: "The token may list users.",
                    requestId: response.requestId)
            case .orgDetails:
                let response = try await client.get("/api/v1/org", as: OrgDetails.self)
                report.orgName = response.value.companyName
                return Outcome(
                    status: .pass,
                    message:
                        "Org: \(response.value.companyName ?? response.value.subdomain ?? "?").",
                    requestId: response.requestId)
            }
        } catch {
            return outcome(of: error, in: step)
        }
    }

    private func outcome(of error: OktaError, in step: CheckStep) -> Outcome {
        if step == .orgDetails, error.kind == .permissionDenied {
            return Outcome(
                status: .warn,
                message: "The token works, but its admin role cannot read org settings "
                    + "(\(error.errorCode ?? "403")). Syncing users is not affected.",
                requestId: error.requestId, error: error)
        }
        if step == .oktaOrg, error.kind == .notFound || error.kind == .apiError {
            // An Okta org always serves this document; anything else is not an org.
            let notOrg = OktaError(
                .notAnOktaOrg, httpStatus: error.httpStatus, requestId: error.requestId,
                host: error.host)
            return Outcome(
                status: .fail, message: notOrg.description, requestId: error.requestId,
                error: notOrg)
        }
        if step == .listUsers, error.kind == .permissionDenied {
            let message =
                "The token's admin may not list users (\(error.errorCode ?? "403")), "
                + "which the sync needs. Create the token as a Super Admin or Read-Only Admin, "
                + "then Reconnect."
            return Outcome(
                status: .fail, message: message, requestId: error.requestId, error: error)
        }
        return Outcome(
            status: .fail, message: error.description, requestId: error.requestId, error: error)
    }
}

/// The steps of the connection test, in order.
public enum CheckStep: String, Sendable, CaseIterable, Codable {
    case oktaOrg = "okta-org"
    case tokenOwner = "token-owner"
    case listUsers = "list-users"
    case orgDetails = "org-details"

    /// The line shown in the checklist.
    public var title: String {
        switch self {
        case .oktaOrg: return "The address is an Okta org"
        case .tokenOwner: return "The token is valid"
        case .listUsers: return "The token may list users"
        case .orgDetails: return "Org details"
        }
    }

    /// Later steps make no sense after these fail (no org, or no valid token).
    var stopsOnFailure: Bool { self == .oktaOrg || self == .tokenOwner }
}

/// One step's state and result.
public struct CheckStepResult: Sendable, Equatable {
    public enum Status: String, Sendable, Equatable {
        case pending, running, pass, fail, warn, skipped
    }
    public var step: CheckStep
    public var status: Status = .pending
    public var message: String = ""
    public var duration: TimeInterval?
    public var requestId: String?
}

/// The whole test's progress and result.
public struct CheckReport: Sendable, Equatable {
    public var orgURL: URL
    public var steps: [CheckStepResult] = CheckStep.allCases.map { CheckStepResult(step: $0) }
    /// Who the token belongs to, once step 2 passed.
    public var owner: TokenOwner?
    /// The company name, once step 4 passed.
    public var orgName: String?
    /// The first failure, which decides the exit status and the advice shown.
    public var failure: OktaError?
    /// When Okta last accepted the token during the test.
    public var tokenLastUsed: Date?
    public var finished = false

    public init(orgURL: URL) {
        self.orgURL = orgURL
    }

    /// True when no step failed (warnings allowed).
    public var ok: Bool { finished && failure == nil && !steps.contains { $0.status == .fail } }

    /// The exit status for the commands.
    public var exitStatus: ExitStatus { ok ? .ok : (failure?.exitStatus ?? .failure) }
}

/// The admin who created the token (`GET /api/v1/users/me`).
public struct TokenOwner: Sendable, Equatable, Codable {
    public var id: String
    public var login: String
    public var displayName: String

    public init(id: String, login: String, displayName: String) {
        self.id = id
        self.login = login
        self.displayName = displayName
    }

    init(user: OktaUser) {
        self.init(id: user.id, login: user.login ?? user.id, displayName: user.displayName)
    }
}

struct WellKnownOrganization: Decodable {
    struct Links: Decodable {
        var organization: JSONValue?
    }
    var id: String?
    var pipeline: String?
    var _links: Links?
}

struct OrgDetails: Decodable {
    var id: String?
    var subdomain: String?
    var companyName: String?
}
