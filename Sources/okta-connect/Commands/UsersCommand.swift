import Foundation
import OktaCore
import UserStore

/// `okta-connect users …`: lists synced users from the local store, never the network, so it
/// works in every connection state (an expired token included).
enum UsersCommand {
    static func run(_ environment: AppEnvironment) -> ExitStatus {
        let console = environment.console
        let invocation = environment.invocation
        guard let url = storeURL(environment) else {
            console.err(NotConnected.message(demo: invocation.demo))
            return .notConnected
        }
        let filter = UserFilter(
            statuses: invocation.statuses.isEmpty ? nil : Set(invocation.statuses),
            text: invocation.search, inactiveDays: invocation.inactiveDays,
            neverLoggedIn: invocation.neverLoggedIn, includeRemoved: invocation.includeRemoved)
        let sort = UserSort(
            invocation.sort.flatMap(UserSort.Key.init(rawValue:)) ?? .name,
            descending: invocation.descending)
        var format = invocation.format.flatMap(UsersReport.Format.init(rawValue:)) ?? .table
        if invocation.json {
            // Every other command takes --json; here it can only mean the JSON report.
            guard invocation.format == nil || format == .json else {
                console.err("--json and --format \(format.rawValue) disagree; give one of them.")
                return .usage
            }
            format = .json
        }

        do {
            let store = try UserStore(url: url)
            if let message = try unknownStatusMessage(invocation.statuses, store: store) {
                console.err(message)
                return .usage
            }
            if try store.isPartial() {
                // The report itself stays well-formed; the caveat goes where messages go.
                console.err(
                    "Note: no sync has finished yet; the local store holds only the "
                        + "\(try store.userCount().formatted()) users synced so far. Run "
                        + "\(CommandHint.program(demo: invocation.demo)) sync to sync the rest.")
            }
            // CSV keeps Okta's data exact for files; on a terminal, escape sequences in names
            // must not reach it raw (JSON escapes them itself, the table neutralises them).
            let neutralize = format == .csv && console.stdoutIsTerminal
            var buffer = Data()
            try UsersReport.render(
                store: store, filter: filter, sort: sort, format: format,
                width: terminalWidth()
            ) { chunk in
                let text =
                    neutralize
                    ? chunk.components(separatedBy: "\r\n").map(SafeText.neutralized)
                        .joined(separator: "\r\n")
                    : chunk
                buffer.append(contentsOf: text.utf8)
                if buffer.count >= 64 * 1024 {
                    FileHandle.standardOutput.write(buffer)
                    buffer.removeAll(keepingCapacity: true)
                }
            }
            FileHandle.standardOutput.write(buffer)
            return .ok
        } catch {
            console.err("Cannot read the user store at \(url.path): \(error)")
            return .failure
        }
    }

    /// Why the `--status` values cannot be right, if one is neither Okta's nor found in the
    /// store: a typo ("ACTIV") or the console's word ("DEACTIVATED") would otherwise list no
    /// users and exit 0, an empty report that looks like a finding.
    static func unknownStatusMessage(_ statuses: [String], store: UserStore) throws -> String? {
        let known = Set(UserFilter.oktaStatuses)
        var unknown = statuses.filter { !known.contains($0) }
        if unknown.isEmpty { return nil }
        let stored = Set(try store.statusCounts().map(\.status))
        unknown = unknown.filter { !stored.contains($0) }
        guard let first = unknown.first else { return nil }
        var message =
            "Unknown status \(first.isEmpty ? "\"\"" : first). Okta's user statuses: "
            + UserFilter.oktaStatuses.joined(separator: ", ") + "."
        if first.contains("DEACTIV") {
            message += " Deactivated users have the status DEPROVISIONED."
        }
        return message
    }

    /// The saved connection's store; without a connection, the most recently written store
    /// left in the data directory (e.g. after `disconnect` without `--purge`).
    static func storeURL(_ environment: AppEnvironment) -> URL? {
        environment.paths.databaseFileToRead(savedOrg: (try? environment.store.load())?.org)
    }

    /// The terminal's width for tables; `COLUMNS` or 100 when stdout is not a terminal.
    static func terminalWidth() -> Int {
        var size = winsize()
        if isatty(STDOUT_FILENO) == 1, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0,
            size.ws_col > 0
        {
            return Int(size.ws_col)
        }
        if let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init),
            columns > 20
        {
            return columns
        }
        return 100
    }
}
