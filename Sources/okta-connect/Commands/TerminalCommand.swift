import CursesTerminal
import Foundation
import OktaCore
import SimulatedOrg
import TerminalUI

/// `okta-connect` with no command (and `okta-connect browse`): the terminal UI.
enum TerminalCommand {
    static func run(_ environment: AppEnvironment, startInBrowser: Bool) -> ExitStatus {
        let variables = ProcessInfo.processInfo.environment
        let context = AppContext(
            paths: environment.paths, store: environment.store,
            makeClient: environment.makeClient, logger: environment.logger,
            demo: environment.invocation.demo
                ? DemoHint(domain: SimulatedOrg.demoHost, token: SimulatedOrg.demoToken) : nil,
            noColor: environment.invocation.noColor
                || AppContext.noColorRequested(environment: variables),
            startInBrowser: startInBrowser,
            makeBrowser: { BrowserScreen.open($0) })
        return runTerminalApp(context: context)
    }
}
