/// Turns a bracketed paste (`ESC [200~ … ESC [201~`) into one `Key.paste`.
///
/// With bracketed paste enabled the terminal wraps pasted text in start and end markers. The
/// curses layer reports the markers and the characters between them; this assembler collects
/// them so a pasted token arrives whole, and a newline inside it does not press Enter.
public struct PasteAssembler: Sendable {
    /// What the terminal delivered.
    public enum Input: Sendable, Equatable {
        case pasteStart, pasteEnd
        case key(Key)
    }

    private var buffer: String?

    public init() {}

    /// True between the start and end markers.
    public var isCollecting: Bool { buffer != nil }

    /// Feeds one input; returns the key to act on, if any.
    public mutating func feed(_ input: Input) -> Key? {
        switch input {
        case .pasteStart:
            buffer = ""
            return nil
        case .pasteEnd:
            defer { buffer = nil }
            return buffer.map(Key.paste)
        case .key(let key):
            guard var collected = buffer else { return key }
            switch key {
            case .character(let character): collected.append(character)
            case .enter: collected.append("\n")
            case .tab: collected.append("\t")
            case .paste(let text): collected += text
            default: break
            }
            buffer = collected
            return nil
        }
    }
}
