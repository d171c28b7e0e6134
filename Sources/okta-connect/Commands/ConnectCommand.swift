import Foundation
import OktaCore
import SimulatedOrg

/// `okta-connect connect --domain D [--token-stdin]`: validate, test, save on success.
enum ConnectCommand {
    static func run(_ environment: AppEnvironment, variables: [String: String]) async -> ExitStatus
    {
        let invocation = environment.invocation
        let console = environment.console
        let domainInput = invocation.domain ?? (invocation.demo ? SimulatedOrg.demoHost : nil)
        guard let domainInput else {
            console.err("connect needs --domain, e.g. --domain acme.okta.com.")
            return .usage
        }
        let org: OrgAddress
        do {
            org = try OrgAddress(parsing: domainInput)
        } catch {
            console.err(error.description)
            return .usage
        }
        let token: APIToken
        do {
            if invocation.demo && !invocation.tokenFromStdin
                && (variables["OKTA_CLIENT_TOKEN"] ?? "").isEmpty
            {
                token = try APIToken(parsing: SimulatedOrg.demoToken)
            } else {
                token = try TokenInput.read(
                    fromStdin: invocation.tokenFromStdin, environment: variables, console: console)
            }
        } catch let error as APITokenError {
            console.err(error.description)
            return .usage
        } catch {
            console.err("\(error)")
            return .usage
        }

        let output = CheckOutput(json: invocation.json)
        if !invocation.json { console.out("Checking \(org.origin.absoluteString) …") }
        let printed = Locked<Set<CheckStep>>([])
        do {
            let report = try await environment.service.connect(org: org, token: token) {
                output.progress($0, printed: printed)
            }
            output.finish(report, org: org)
            if report.ok, !invocation.json {
                console.out("Saved. Next: \(CommandHint.program(demo: invocation.demo)) sync")
            }
            environment.logger.log(
                "connect \(org.origin.absoluteString): \(ConnectionService.summary(of: report))")
            return report.exitStatus
        } catch {
            console.err("\(error)")
            return .failure
        }
    }
}
