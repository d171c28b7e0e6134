import OktaCore

/// A parsed command line: the command, its options and the global options, which may appear
/// before or after the command.
struct Invocation: Equatable {
    enum Command: String, CaseIterable {
        case connect, test, status, disconnect, sync, users, browse

        /// The options this command takes besides the global ones (`globalOptions`).
        var options: [String] {
            switch self {
            case .connect: return ["--domain", "--token-stdin", "--json"]
            case .test, .status: return ["--json"]
            case .disconnect: return ["--purge"]
            case .sync: return ["--full", "--json"]
            case .users:
                return [
                    "--status", "--search", "--inactive-days", "--never-logged-in",
                    "--include-removed", "--sort", "--desc", "--format", "--json",
                ]
            case .browse: return []
            }
        }
    }

    /// Options that mean the same with every command, before or after it.
    static let globalOptions: Set = [
        "--home", "--demo", "--help", "-h", "--version", "--no-color", "--rate-limit-share",
    ]

    var command: Command?
    var home: String?
    var demo = false
    var help = false
    var version = false
    var noColor = false
    var json = false
    var rateLimitShare: Double?

    // connect
    var domain: String?
    var tokenFromStdin = false
    // disconnect
    var purge = false
    // sync
    var full = false
    // users
    var statuses: [String] = []
    var search: String?
    var inactiveDays: Int?
    /// The longest `--inactive-days`: Okta orgs are younger than this, and larger numbers
    /// would overflow the millisecond time stamps the store compares.
    static let maxDays = 36_500
    var neverLoggedIn = false
    var includeRemoved = false
    var sort: String?
    var descending = false
    var format: String?

    /// Parses `arguments` (without the program name).
    static func parse(_ arguments: [String]) throws(UsageError) -> Invocation {
        var invocation = Invocation()
        var remaining = arguments[...]
        /// Each command option given, to check against the command once it is known.
        var commandOptions: [String] = []

        func value(for option: String) throws(UsageError) -> String {
            guard let value = remaining.popFirst(), !value.hasPrefix("--") || value == "-" else {
                throw UsageError("\(option) needs a value.")
            }
            return value
        }

        while let argument = remaining.popFirst() {
            var name = argument
            if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals])
                remaining.insert(
                    String(argument[argument.index(after: equals)...]), at: remaining.startIndex)
            }
            if name.hasPrefix("-"), !Self.globalOptions.contains(name) {
                commandOptions.append(name)
            }
            switch name {
            case "--home": invocation.home = try value(for: name)
            case "--demo": invocation.demo = true
            case "--help", "-h": invocation.help = true
            case "--version": invocation.version = true
            case "--no-color": invocation.noColor = true
            case "--json": invocation.json = true
            case "--rate-limit-share":
                let text = try value(for: name)
                guard let share = Self.share(text) else {
                    throw UsageError(
                        "--rate-limit-share takes a percentage from 1 to 100 (e.g. 50), got \(text)."
                    )
                }
                invocation.rateLimitShare = share
            case "--domain": invocation.domain = try value(for: name)
            case "--token-stdin": invocation.tokenFromStdin = true
            case "--token", "--api-token", "--token-value":
                throw UsageError(
                    "The token is never accepted on the command line, where other users and "
                        + "shell history can see it. Pipe it with --token-stdin or set "
                        + "OKTA_CLIENT_TOKEN.")
            case "--purge": invocation.purge = true
            case "--full": invocation.full = true
            case "--status": invocation.statuses.append(try value(for: name).uppercased())
            case "--search": invocation.search = try value(for: name)
            case "--inactive-days":
                let text = try value(for: name)
                guard let days = Int(text), (0...Self.maxDays).contains(days) else {
                    throw UsageError(
                        "--inactive-days takes a number of days from 0 to "
                            + "\(Self.maxDays) (a century), got \(text).")
                }
                invocation.inactiveDays = days
            case "--never-logged-in": invocation.neverLoggedIn = true
            case "--include-removed": invocation.includeRemoved = true
            case "--sort":
                let key = try value(for: name)
                guard ["name", "login", "status", "last-login", "created"].contains(key) else {
                    throw UsageError(
                        "--sort takes name, login, status, last-login or created, got \(key).")
                }
                invocation.sort = key
            case "--desc": invocation.descending = true
            case "--format":
                let format = try value(for: name)
                guard ["table", "csv", "json"].contains(format) else {
                    throw UsageError("--format takes table, csv or json, got \(format).")
                }
                invocation.format = format
            default:
                if argument.hasPrefix("-") {
                    throw UsageError("Unknown option \(argument).")
                }
                guard invocation.command == nil else {
                    throw UsageError("Unexpected argument \(argument).")
                }
                guard let command = Command(rawValue: argument) else {
                    throw UsageError(
                        "Unknown command \(argument). Commands: "
                            + Command.allCases.map(\.rawValue).joined(separator: ", ") + ".")
                }
                invocation.command = command
            }
        }
        // `--help` and `--version` answer whatever else is on the line.
        if !invocation.help, !invocation.version {
            try Self.check(commandOptions, for: invocation.command)
        }
        return invocation
    }

    /// Rejects an option the command does not take (`disconnect --json`, `sync --status`):
    /// silently ignoring it would leave a script believing it asked for something it did not
    /// get.
    static func check(_ options: [String], for command: Command?) throws(UsageError) {
        let accepted = command?.options ?? []
        guard let stray = options.first(where: { !accepted.contains($0) }) else { return }
        guard let command else {
            let owners = Command.allCases.filter { $0.options.contains(stray) }.map(\.rawValue)
            throw UsageError(
                "\(stray) belongs to a command (\(owners.joined(separator: ", "))); without "
                    + "one, okta-connect opens the terminal UI.")
        }
        throw UsageError(
            accepted.isEmpty
                ? "\(command.rawValue) takes no option of its own, got \(stray)."
                : "\(command.rawValue) does not take \(stray); its options: "
                    + accepted.joined(separator: ", ") + ".")
    }

    /// Accepts `50`, `50%` or `0.5`.
    static func share(_ text: String) -> Double? {
        let trimmed = text.hasSuffix("%") ? String(text.dropLast()) : text
        guard let number = Double(trimmed), number > 0 else { return nil }
        let share = number > 1 ? number / 100 : number
        return share <= 1 ? share : nil
    }
}

/// A command line that cannot be run; exits 2 with the message.
struct UsageError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
