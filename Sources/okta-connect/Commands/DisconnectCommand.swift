import OktaCore

/// `okta-connect disconnect [--purge]`: forget the token; with --purge, the synced users too.
enum DisconnectCommand {
    static func run(_ environment: AppEnvironment) -> ExitStatus {
        let console = environment.console
        let wasConnected = environment.store.state() != .notConnected
        do {
            try environment.store.disconnect(purge: environment.invocation.purge)
        } catch {
            console.err("Could not remove the saved connection: \(error)")
            return .failure
        }
        environment.logger.log("disconnect (purge: \(environment.invocation.purge))")
        var message =
            wasConnected ? "Disconnected: the token was deleted." : "Nothing was connected."
        if environment.invocation.purge { message += " Synced users were deleted." }
        if wasConnected {
            message +=
                " The token still exists in Okta; revoke it under Security > API > Tokens "
                + "if it is no longer needed."
        }
        console.out(message)
        return .ok
    }
}
