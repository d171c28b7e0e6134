/// A one-line text field with its own cursor, optionally masked for secrets.
///
/// Curses' `getstr` echoes what is typed, so secrets would appear on screen; this field keeps
/// the text in the app and draws a mask character per character instead.
public struct TextField: Sendable, Equatable {
    public private(set) var text: String
    /// The cursor position, in characters from the start.
    public private(set) var cursor: Int
    /// Draw one mask glyph per character instead of the text.
    public let isMasked: Bool

    public init(text: String = "", isMasked: Bool = false) {
        self.text = text
        self.cursor = text.count
        self.isMasked = isMasked
    }

    /// Replaces the whole text and puts the cursor at the end.
    public mutating func set(_ newText: String) {
        text = newText
        cursor = newText.count
    }

    /// Applies an editing key; returns false when the key is not an editing key.
    @discardableResult
    public mutating func apply(_ key: Key) -> Bool {
        switch key {
        case .character where key.isPrintable:
            if case .character(let character) = key { insert(String(character)) }
        case .paste(let pasted):
            insert(Self.cleanPaste(pasted))
        case .left: cursor = max(0, cursor - 1)
        case .right: cursor = min(text.count, cursor + 1)
        case .home: cursor = 0
        case .end: cursor = text.count
        case .backspace:
            guard cursor > 0 else { return true }
            let index = text.index(text.startIndex, offsetBy: cursor - 1)
            text.remove(at: index)
            cursor -= 1
        case .delete:
            guard cursor < text.count else { return true }
            text.remove(at: text.index(text.startIndex, offsetBy: cursor))
        case .control("u"):
            set("")
        default:
            return false
        }
        return true
    }

    /// Pasted text without surrounding whitespace and newlines, and without control
    /// characters (a terminal paste can carry anything). A line break or tab inside becomes
    /// a space rather than vanishing: a token or address broken across lines is then
    /// reported as such ("contains a space or line break") instead of being silently
    /// joined, which the command line would refuse.
    public static func cleanPaste(_ pasted: String) -> String {
        let unified = pasted.replacingOccurrences(of: "\r\n", with: "\n")
        let kept = unified.unicodeScalars.compactMap { scalar -> Unicode.Scalar? in
            if scalar == "\n" || scalar == "\r" || scalar == "\t" { return " " }
            return scalar.isTerminalControl ? nil : scalar
        }
        return String(String.UnicodeScalarView(kept)).trimmingEdges()
    }

    /// What to draw in `width` cells and where the cursor sits, scrolling horizontally so
    /// the cursor stays visible.
    public func visible(width: Int, mask: String, widths: CellWidth) -> (String, Int) {
        guard width > 0 else { return ("", 0) }
        let shown = isMasked ? String(repeating: mask, count: text.count) : text
        let characters = Array(shown)
        let cursorIndex = isMasked ? cursor * mask.count : cursor
        let beforeCursor = String(characters[..<min(cursorIndex, characters.count)])
        let before = widths.width(of: beforeCursor)
        if before < width {
            return (widths.prefix(shown, cells: width), before)
        }
        let head = widths.suffix(beforeCursor, cells: width - 1)
        let after = String(characters[min(cursorIndex, characters.count)...])
        let used = widths.width(of: head)
        return (head + widths.prefix(after, cells: width - used), used)
    }

    private mutating func insert(_ piece: String) {
        let index = text.index(text.startIndex, offsetBy: cursor)
        text.insert(contentsOf: piece, at: index)
        cursor += piece.count
    }
}

extension String {
    /// The string without leading and trailing whitespace or newlines.
    func trimmingEdges() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
