/// What a key does, independent of which key it is.
public enum Action: String, Sendable, CaseIterable {
    case nextFocus, previousFocus, activate, back, quit, help, repaint, interrupt
    case editText, pasteText
    case openAdminConsole, copyInvitation
    case syncNow, browseUsers, reconnect, disconnect, checkAgain
    case confirm, decline
    // The users browser (Browser/BrowserKeyBindings.swift).
    case moveUp, moveDown, pageUp, pageDown, jumpTop, jumpBottom
    case openDetail, startFilter, pickStatuses, cycleInactivity, sortBy, clearFilters
    case showUtilization, exportView, exportCSV, exportJSON, toggleItem, toggleAll
}

/// Where a binding applies. A screen reports its contexts, most specific first.
public enum KeyContext: String, Sendable, CaseIterable {
    /// Always, whatever has focus.
    case anywhere
    /// When no text field has focus (letters are commands, not text).
    case navigating
    /// The four setup screens.
    case setup
    /// A text field has focus.
    case typing
    /// Step 2 and 3, when the org's admin console is known.
    case adminConsole
    /// Step 1 after an invitation was written.
    case invitation
    /// The status screen with a working connection.
    case connected
    /// The status screen after Okta rejected the saved token (no sync until Reconnect).
    case expired
    /// The status screen with users in the local store (the utilization panel).
    case usersSynced
    /// A check or sync is running.
    case busy
    /// A yes/no question is open.
    case confirming
    /// The help overlay is open.
    case helpOverlay
    /// The terminal is below the minimum size.
    case tooSmall
    /// The users table.
    case browser
    /// Typing the users table's `/` filter.
    case browserFilter
    /// One user's attributes.
    case browserDetail
    /// The utilization charts.
    case browserUtilization
    /// The status filter picker.
    case browserPicker
    /// Choosing the export format.
    case browserExport

    /// The heading used in the help overlay and the README.
    public var heading: String {
        switch self {
        case .anywhere: return "Everywhere"
        case .navigating: return "When not typing"
        case .setup: return "Setup screens"
        case .typing: return "In a text field"
        case .adminConsole: return "Log in to Okta, Enter token and domain"
        case .invitation: return "After inviting your admin"
        case .connected: return "Connection status (connected)"
        case .expired: return "Connection status (access expired)"
        case .usersSynced: return "Connection status (users synced)"
        case .busy: return "While a check or sync runs"
        case .confirming: return "In a question"
        case .helpOverlay: return "In this help"
        case .tooSmall: return "Terminal too small"
        case .browser: return "Users browser"
        case .browserFilter: return "Typing a filter (/)"
        case .browserDetail: return "User detail"
        case .browserUtilization: return "Utilization"
        case .browserPicker: return "Status filter"
        case .browserExport: return "Export"
        }
    }
}

/// One row of the key table.
public struct KeyBinding: Sendable {
    /// The keys that trigger the action; empty when any printable character does.
    public let keys: [Key]
    public let action: Action
    /// A word or two for the footer.
    public let hint: String
    /// A sentence for the help overlay and README.
    public let help: String
    public let contexts: [KeyContext]
    /// Shown in the footer (the help overlay shows everything).
    public let inFooter: Bool
    /// How the footer writes the keys when the first key alone would mislead (`1-5`).
    public var footerKeys: String? = nil

    /// Keys as written for people, e.g. `Tab / ↓`.
    public var label: String {
        if keys.isEmpty { return action == .pasteText ? "paste" : "text" }
        return keys.map(\.label).joined(separator: " / ")
    }

    /// The first key only, for the compact footer.
    public var shortLabel: String { keys.first?.label ?? label }

    func matches(_ key: Key) -> Bool {
        switch action {
        case .editText where keys.isEmpty: return key.isPrintable
        case .pasteText:
            if case .paste = key { return true }
            return false
        default: return keys.contains(key)
        }
    }
}

/// The one key table. The footer hints, the `?` overlay and the README key list are all
/// generated from it, and the screens resolve keys through it, so they cannot disagree.
public enum KeyTable {
    public static let bindings: [KeyBinding] = setupBindings + browserBindings + helpBindings

    /// The setup screens' and status screen's bindings.
    static let setupBindings: [KeyBinding] = [
        KeyBinding(
            keys: [.control("c")], action: .interrupt, hint: "quit",
            help: "Quit at once; a running check or sync is cancelled", contexts: [.anywhere],
            inFooter: false),
        KeyBinding(
            keys: [.control("l")], action: .repaint, hint: "repaint",
            help: "Repaint the whole screen", contexts: [.anywhere], inFooter: false),
        KeyBinding(
            keys: [.function(1)], action: .help, hint: "help",
            help: "Show or hide this help, also while typing", contexts: [.anywhere, .typing],
            inFooter: true),
        KeyBinding(
            keys: [.character("y")], action: .confirm, hint: "yes",
            help: "Answer yes", contexts: [.confirming], inFooter: true),
        KeyBinding(
            keys: [.character("n"), .escape], action: .decline, hint: "no",
            help: "Answer no", contexts: [.confirming], inFooter: true),
        KeyBinding(
            keys: [.escape, .character("?"), .character("q")], action: .back, hint: "close",
            help: "Close the help", contexts: [.helpOverlay], inFooter: true),
        KeyBinding(
            keys: [.character("q")], action: .quit, hint: "quit",
            help: "Quit", contexts: [.tooSmall], inFooter: true),
        KeyBinding(
            keys: [.escape], action: .back, hint: "cancel",
            help: "Cancel the running check or sync", contexts: [.busy], inFooter: true),
        KeyBinding(
            keys: [], action: .pasteText, hint: "paste",
            help: "Paste (bracketed paste; surrounding spaces and newlines are trimmed)",
            contexts: [.typing], inFooter: false),
        KeyBinding(
            keys: [], action: .editText, hint: "type",
            help: "Type into the focused field", contexts: [.typing], inFooter: false),
        KeyBinding(
            keys: [.left, .right, .home, .end, .backspace, .delete, .control("u")],
            action: .editText, hint: "edit",
            help: "Move the cursor, delete a character, Ctrl-U clears the field",
            contexts: [.typing], inFooter: false),
        KeyBinding(
            keys: [.tab, .down], action: .nextFocus, hint: "next",
            help: "Move to the next field or button", contexts: [.setup], inFooter: true),
        KeyBinding(
            keys: [.backTab, .up], action: .previousFocus, hint: "previous",
            help: "Move to the previous field or button", contexts: [.setup], inFooter: false),
        KeyBinding(
            keys: [.right], action: .nextFocus, hint: "next",
            help: "Move to the next button", contexts: [.navigating], inFooter: false),
        KeyBinding(
            keys: [.left], action: .previousFocus, hint: "previous",
            help: "Move to the previous button", contexts: [.navigating], inFooter: false),
        KeyBinding(
            keys: [.enter], action: .activate, hint: "select",
            help: "Press the focused button; in a field, go on (on the token, run the check)",
            contexts: [.setup], inFooter: true),
        KeyBinding(
            keys: [.escape], action: .back, hint: "back",
            help: "Go back one step, keeping what was typed (on step 1: to the connection "
                + "status when connected, else ask to quit)",
            contexts: [.setup], inFooter: true),
        KeyBinding(
            keys: [.character("o"), .control("o")], action: .openAdminConsole,
            hint: "open console",
            help: "Open the org's admin console in a browser (xdg-open); Ctrl-O while typing",
            contexts: [.adminConsole], inFooter: true),
        KeyBinding(
            keys: [.character("c")], action: .copyInvitation, hint: "copy",
            help: "Copy the invitation to the clipboard (OSC 52, where the terminal allows)",
            contexts: [.invitation], inFooter: true),
        KeyBinding(
            keys: [.character("s")], action: .syncNow, hint: "sync",
            help: "Sync now: copy the org's users into the local store", contexts: [.connected],
            inFooter: true),
        KeyBinding(
            keys: [.character("b")], action: .browseUsers, hint: "browse",
            help: "Browse the synced users", contexts: [.connected], inFooter: true),
        KeyBinding(
            keys: [.character("u")], action: .showUtilization, hint: "usage",
            help: "Utilization charts of the synced users (Tab reaches the panel's bars)",
            contexts: [.usersSynced], inFooter: true),
        KeyBinding(
            keys: [.character("r")], action: .reconnect, hint: "reconnect",
            help: "Reconnect with a new token (the saved one stays until the new one works)",
            contexts: [.connected, .expired], inFooter: false),
        KeyBinding(
            keys: [.character("d")], action: .disconnect, hint: "disconnect",
            help: "Disconnect: forget the saved token (asks first)",
            contexts: [.connected, .expired], inFooter: false),
        KeyBinding(
            keys: [.character("k")], action: .checkAgain, hint: "check",
            help: "Check the saved connection again", contexts: [.connected, .expired],
            inFooter: false),
        KeyBinding(
            keys: [.character("q")], action: .quit, hint: "quit",
            help: "Quit (asks first while a sync runs)", contexts: [.navigating],
            inFooter: true),
        KeyBinding(
            keys: [.character("?")], action: .help, hint: "help",
            help: "Show every key", contexts: [.navigating], inFooter: true),
    ]

    /// The action `key` triggers in `contexts` (most specific first), if any.
    public static func action(for key: Key, in contexts: [KeyContext]) -> Action? {
        for context in contexts + [.anywhere] {
            for binding in bindings where binding.contexts.contains(context) {
                if binding.matches(key) { return binding.action }
            }
        }
        return nil
    }

    /// The footer line for `contexts`: the footer bindings in table order, without repeats,
    /// cut to `width` cells, with the help key kept last when there is room for it.
    /// `idle` names actions that would do nothing right now (scrolling a list that fits);
    /// they are left out, so the footer lists only keys that work.
    public static func footer(
        for contexts: [KeyContext], width: Int, widths: CellWidth = .standard,
        idle: Set<Action> = []
    ) -> String {
        var seen = Set<Action>()
        var parts: [String] = []
        var helpPart: String?
        for binding in bindings where binding.inFooter && !idle.contains(binding.action) {
            guard binding.contexts.contains(where: contexts.contains) else { continue }
            // Show the first key that really does this here (`o` types while typing; Ctrl-O
            // opens the console), and nothing when no key of the binding does.
            let working = binding.keys.first { action(for: $0, in: contexts) == binding.action }
            guard let key = working else { continue }
            guard seen.insert(binding.action).inserted else { continue }
            let part = (binding.footerKeys ?? key.label) + " " + binding.hint
            if binding.action == .help { helpPart = part } else { parts.append(part) }
        }
        let gap = "  "
        var line = ""
        let reserve = helpPart.map { widths.width(of: $0) + gap.count } ?? 0
        for part in parts {
            let candidate = line.isEmpty ? part : line + gap + part
            guard widths.width(of: candidate) + reserve <= width else { break }
            line = candidate
        }
        if let helpPart { line = line.isEmpty ? helpPart : line + gap + helpPart }
        return widths.truncate(line, to: width)
    }

    /// Every binding that applies in `contexts`, grouped under the context headings, for the
    /// help overlay. Bindings are listed under the first matching context.
    public static func helpSections(for contexts: [KeyContext]) -> [(String, [KeyBinding])] {
        var sections: [(String, [KeyBinding])] = []
        var listed = Set<Int>()
        for context in contexts + [.anywhere] {
            var rows: [KeyBinding] = []
            for (index, binding) in bindings.enumerated()
            where binding.contexts.contains(context) && !listed.contains(index) {
                listed.insert(index)
                rows.append(binding)
            }
            if !rows.isEmpty { sections.append((context.heading, rows)) }
        }
        return sections
    }

    /// The README key list: a Markdown table per context, in the table's order.
    public static func markdown() -> String {
        var out = ""
        for context in KeyContext.allCases {
            let rows = bindings.filter { $0.contexts.contains(context) }
            guard !rows.isEmpty else { continue }
            out += "**\(context.heading)**\n\n| Key | Action |\n|---|---|\n"
            for binding in rows {
                let label = binding.label.replacingOccurrences(of: "|", with: "\\|")
                out += "| `\(label)` | \(binding.help) |\n"
            }
            out += "\n"
        }
        return out
    }
}
