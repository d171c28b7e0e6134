/// The symbols the screens draw, in a Unicode and an ASCII edition.
///
/// When the locale is not UTF-8 the terminal cannot be trusted with anything but ASCII, so
/// borders, check marks, bullets and spinners fall back to plain characters.
public struct Glyphs: Sendable, Equatable {
    public var horizontal: String
    public var vertical: String
    public var topLeft: String
    public var topRight: String
    public var bottomLeft: String
    public var bottomRight: String
    public var pass: String
    public var fail: String
    public var warn: String
    public var pending: String
    public var skipped: String
    public var bullet: String
    public var mask: String
    public var ellipsis: String
    public var separator: String
    public var arrow: String
    /// Sort direction and arrow-key names: ↑ ↓ ← →, or ^ v < > in ASCII.
    public var up: String
    public var down: String
    public var left: String
    public var right: String
    /// A range or missing-value dash: – and —, or - in ASCII.
    public var dash: String
    public var barFull: String
    public var barEmpty: String
    public var spinner: [String]

    /// Box drawing, ✓ ✗ !, •, a braille spinner.
    public static let unicode = Glyphs(
        horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└",
        bottomRight: "┘", pass: "✓", fail: "✗", warn: "!", pending: "·", skipped: "-",
        bullet: "•", mask: "•", ellipsis: "…", separator: "·", arrow: "›", up: "↑",
        down: "↓", left: "←", right: "→", dash: "–", barFull: "█", barEmpty: "░",
        spinner: ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"])

    /// Plain ASCII for terminals whose locale is not UTF-8.
    public static let ascii = Glyphs(
        horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+",
        bottomRight: "+", pass: "v", fail: "x", warn: "!", pending: ".", skipped: "-",
        bullet: "*", mask: "*", ellipsis: "...", separator: "-", arrow: ">", up: "^",
        down: "v", left: "<", right: ">", dash: "-", barFull: "#", barEmpty: ".",
        spinner: ["|", "/", "-", "\\"])

    /// `text` with the Unicode edition's symbols (separators, arrows, ellipses, dashes, check
    /// marks, bullets) written in this edition. Text composed with the Unicode symbols (a
    /// screen's title, a key label) is routed through here by `Canvas.put`, so an ASCII
    /// terminal never gets a symbol it cannot show.
    public func adapt(_ text: String) -> String {
        guard text.contains(where: { !$0.isASCII }), self != .unicode else { return text }
        let map = substitutions
        var out = ""
        for character in text {
            if let replacement = map[character] {
                out += replacement
            } else {
                out.append(character)
            }
        }
        return out
    }

    /// The Unicode edition's symbols and this edition's spelling of them.
    private var substitutions: [Character: String] {
        let unicode = Glyphs.unicode
        let pairs: [(String, String)] = [
            (unicode.separator, separator), (unicode.arrow, arrow), (unicode.ellipsis, ellipsis),
            (unicode.bullet, bullet), (unicode.up, up), (unicode.down, down),
            (unicode.left, left), (unicode.right, right), (unicode.dash, dash), ("—", dash),
            (unicode.pass, pass), (unicode.fail, fail), (unicode.horizontal, horizontal),
            (unicode.vertical, vertical),
        ]
        var map: [Character: String] = [:]
        for (from, to) in pairs where from != to {
            guard let character = from.first, from.count == 1 else { continue }
            map[character] = map[character] ?? to
        }
        return map
    }
}
