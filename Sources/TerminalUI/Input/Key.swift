/// A key press (or paste, or resize) as the screens see it, independent of curses.
public enum Key: Sendable, Hashable {
    /// A printable character, including non-ASCII text typed through an input method.
    case character(Character)
    /// A control key such as Ctrl-L, given by its lowercase letter (`control("l")`).
    case control(Character)
    case enter, escape, tab, backTab
    case up, down, left, right, home, end, pageUp, pageDown
    case backspace, delete
    /// A function key, F1 to F12.
    case function(Int)
    /// Text delivered by the terminal's bracketed paste, as one piece.
    case paste(String)
    /// The terminal changed size.
    case resize

    /// True for characters that go into a text field (not control characters).
    public var isPrintable: Bool {
        guard case .character(let character) = self else { return false }
        return !character.unicodeScalars.contains { $0.isTerminalControl }
    }

    /// How the key is written in the footer, the help overlay and the README.
    public var label: String {
        switch self {
        case .character(" "): return "Space"
        case .character(let character): return String(character)
        case .control(let letter): return "Ctrl-" + letter.uppercased()
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .home: return "Home"
        case .end: return "End"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .backspace: return "Backspace"
        case .delete: return "Del"
        case .function(let number): return "F\(number)"
        case .paste: return "paste"
        case .resize: return "resize"
        }
    }
}

extension Unicode.Scalar {
    /// C0 and C1 control characters and DEL: never typed into a field or sent raw.
    var isTerminalControl: Bool {
        value < 0x20 || (0x7F...0x9F).contains(value)
    }
}
