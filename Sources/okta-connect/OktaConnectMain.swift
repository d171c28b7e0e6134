import Foundation
import OktaCore

/// The `okta-connect` executable: parses the command line and runs one command, or the
/// terminal UI when no command is given.
@main
struct OktaConnectMain {
    static func main() async {
        // Stores, exports and logs hold an org's user data: owner-only, like the token.
        umask(0o077)
        let variables = ProcessInfo.processInfo.environment
        let invocation: Invocation
        do {
            invocation = try Invocation.parse(Array(CommandLine.arguments.dropFirst()))
        } catch {
            Console().err("\(error.description)\nRun okta-connect --help for usage.")
            exit(ExitStatus.usage.rawValue)
        }
        if invocation.help {
            Console().out(Usage.text)
            exit(ExitStatus.ok.rawValue)
        }
        if invocation.version {
            Console().out("okta-connect \(OktaConnectVersion.current)")
            exit(ExitStatus.ok.rawValue)
        }
        let environment = AppEnvironment(invocation: invocation, environment: variables)
        let status = await run(environment, variables: variables)
        exit(status.rawValue)
    }

    static func run(_ environment: AppEnvironment, variables: [String: String]) async
        -> ExitStatus
    {
        switch environment.invocation.command {
        case .connect: return await ConnectCommand.run(environment, variables: variables)
        case .test: return await TestCommand.run(environment)
        case .status: return StatusCommand.run(environment)
        case .disconnect: return DisconnectCommand.run(environment)
        case .sync: return await SyncCommand.run(environment)
        case .users: return UsersCommand.run(environment)
        case .browse: return TerminalCommand.run(environment, startInBrowser: true)
        case nil: return TerminalCommand.run(environment, startInBrowser: false)
        }
    }
}
