/// Measures how many terminal cells text occupies.
///
/// `String.count` counts grapheme clusters, but terminals lay text out in cells: CJK ideographs
/// and most emoji take two, combining marks take none. Every column calculation in the screens
/// goes through one `CellWidth` so that layout and drawing agree. The curses layer injects
/// the C library's `wcwidth` (the function ncurses itself uses); tests use the pure default.
public struct CellWidth: Sendable {
    /// The width of one Unicode scalar: 0, 1 or 2 (negative answers count as 1).
    public let scalarWidth: @Sendable (Unicode.Scalar) -> Int

    /// Wraps a per-scalar width function such as `wcwidth`.
    public init(scalarWidth: @escaping @Sendable (Unicode.Scalar) -> Int) {
        self.scalarWidth = scalarWidth
    }

    /// The pure-Swift default: East Asian wide and fullwidth ranges, emoji presentation,
    /// zero-width combining marks and format characters.
    public static let standard = CellWidth(scalarWidth: CellWidth.unicodeWidth)

    /// The cells a grapheme cluster takes: the width of its first scalar (the base), at least
    /// 1 so that a stray combining mark still occupies a visible cell, at most 2.
    ///
    /// Further scalars (combining marks, variation selectors, ZWJ sequences) are drawn onto the
    /// base's cells by the curses layer, which drops the ones that would widen the cluster.
    // FIXME: ZWJ emoji sequences and flags measure as their first scalar; terminals disagree
    // on them, so the curses layer draws only the base (see CursesScreen.drawable).
    public func width(of character: Character) -> Int {
        guard let first = character.unicodeScalars.first else { return 0 }
        let base = scalarWidth(first)
        return min(2, max(1, base))
    }

    /// The cells a whole string takes.
    public func width(of text: some StringProtocol) -> Int {
        var total = 0
        for character in text { total += width(of: character) }
        return total
    }

    /// Cuts `text` to at most `limit` cells, ending with `ellipsis` when something was cut.
    public func truncate(_ text: String, to limit: Int, ellipsis: String = "…") -> String {
        guard limit > 0 else { return "" }
        if width(of: text) <= limit { return text }
        let ellipsisWidth = width(of: ellipsis)
        guard limit > ellipsisWidth else { return prefix(text, cells: limit) }
        return prefix(text, cells: limit - ellipsisWidth) + ellipsis
    }

    /// The longest prefix of `text` that fits in `cells` without splitting a wide character.
    public func prefix(_ text: String, cells: Int) -> String {
        var used = 0
        var result = ""
        for character in text {
            let cellWidth = width(of: character)
            if used + cellWidth > cells { break }
            used += cellWidth
            result.append(character)
        }
        return result
    }

    /// The longest suffix of `text` that fits in `cells`.
    public func suffix(_ text: String, cells: Int) -> String {
        var used = 0
        var result: [Character] = []
        for character in text.reversed() {
            let cellWidth = width(of: character)
            if used + cellWidth > cells { break }
            used += cellWidth
            result.append(character)
        }
        return String(result.reversed())
    }

    /// Pads `text` with spaces to exactly `cells` (cutting with an ellipsis when longer).
    public func pad(_ text: String, to cells: Int) -> String {
        let cut = truncate(text, to: cells)
        return cut + String(repeating: " ", count: max(0, cells - width(of: cut)))
    }

    /// Splits `text` into lines of at most `limit` cells, breaking at spaces where possible
    /// and inside a word only when the word alone is too long. Explicit newlines are kept.
    public func wrap(_ text: String, to limit: Int) -> [String] {
        guard limit > 0 else { return [] }
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            var lineWidth = 0
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: true) {
                var word = String(word)
                var wordWidth = width(of: word)
                if lineWidth > 0 && lineWidth + 1 + wordWidth <= limit {
                    line += " " + word
                    lineWidth += 1 + wordWidth
                    continue
                }
                if lineWidth > 0 {
                    lines.append(line)
                    line = ""
                    lineWidth = 0
                }
                while wordWidth > limit {
                    let head = prefix(word, cells: limit)
                    lines.append(head)
                    word = String(word.dropFirst(head.count))
                    wordWidth = width(of: word)
                }
                line = word
                lineWidth = wordWidth
            }
            lines.append(line)
        }
        return lines
    }

    /// Unicode-derived widths, close to glibc's `wcwidth` in a UTF-8 locale.
    @Sendable public static func unicodeWidth(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value == 0 { return 0 }
        if value < 0x20 || (0x7F..<0xA0).contains(value) { return 1 }
        if value < 0x300 { return 1 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark: return 0
        case .format where value != 0xAD: return 0
        default: break
        }
        if (0x1160...0x11FF).contains(value) || (0xD7B0...0xD7FF).contains(value) { return 0 }
        if scalar.properties.isEmojiPresentation { return 2 }
        return wideRanges.contains { $0.contains(value) } ? 2 : 1
    }

    /// East Asian Wide (W) and Fullwidth (F) ranges outside the emoji presentation set.
    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x2329...0x232A, 0x2E80...0x303E, 0x3041...0x33FF,
        0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F,
        0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F,
        0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x16FE4, 0x17000...0x18AFF,
        0x1B000...0x1B2FF, 0x1F200...0x1F251, 0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]
}
