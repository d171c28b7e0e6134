import Foundation
import OktaCore

/// `okta-connect test [--json]`: re-run the check on the saved connection.
enum TestCommand {
    static func run(_ environment: AppEnvironment) async -> ExitStatus {
        let invocation = environment.invocation
        let console = environment.console
        guard let (_, org, _) = try? environment.savedConnection() else {
            console.err(NotConnected.message(demo: invocation.demo))
            return .notConnected
        }
        let output = CheckOutput(json: invocation.json)
        if !invocation.json { console.out("Checking \(org.origin.absoluteString) …") }
        let printed = Locked<Set<CheckStep>>([])
        do {
            guard
                let report = try await environment.service.test(onUpdate: {
                    output.progress($0, printed: printed)
                })
            else {
                console.err(NotConnected.message(demo: invocation.demo))
                return .notConnected
            }
            output.finish(report, org: org)
            return report.exitStatus
        } catch {
            console.err("\(error)")
            return .failure
        }
    }
}

/// The advice printed when a command needs a connection and none is saved.
enum NotConnected {
    static func message(demo: Bool) -> String {
        let prefix = CommandHint.program(demo: demo)
        return "Not connected to an Okta org. Run `\(prefix) connect --domain <your-org>"
            + " --token-stdin`, or `\(prefix)` for the guided setup."
    }
}
