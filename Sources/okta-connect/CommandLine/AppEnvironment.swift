import Foundation
import OktaCore
import SimulatedOrg

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// What every command needs: where state lives, how to reach the org, where to log.
struct AppEnvironment {
    let invocation: Invocation
    let paths: StatePaths
    let store: ConnectionStore
    let logger: any LogSink
    let console = Console()
    let makeClient: OktaClientFactory
    /// The simulated org answering `--demo`, nil otherwise.
    let demoOrg: SimulatedOrg?

    init(invocation: Invocation, environment: [String: String]) {
        self.invocation = invocation
        paths = StatePaths.resolve(
            home: invocation.home, environment: environment, demo: invocation.demo)
        store = ConnectionStore(paths: paths)
        try? paths.createDirectories()
        logger = FileLog(url: paths.logFile)

        var tunables = OktaClient.Options()
        if let share = invocation.rateLimitShare { tunables.rateLimitShare = share }
        let options = tunables
        let logger = self.logger
        if invocation.demo {
            let org = SimulatedOrg.demo()
            demoOrg = org
            makeClient = { address, token in
                OktaClient(
                    org: address, token: token, options: options,
                    sessionConfiguration: org.sessionConfiguration(), logger: logger)
            }
        } else {
            demoOrg = nil
            makeClient = { address, token in
                OktaClient(org: address, token: token, options: options, logger: logger)
            }
        }
    }

    var service: ConnectionService { ConnectionService(store: store, makeClient: makeClient) }

    /// The saved connection with its org and token, or nil when not connected.
    func savedConnection() throws -> (SavedConnection, OrgAddress, APIToken)? {
        guard let saved = try store.load(), let org = saved.org, let token = try store.token()
        else { return nil }
        return (saved, org, token)
    }
}
