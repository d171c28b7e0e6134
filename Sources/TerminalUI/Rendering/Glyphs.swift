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
    public var barFull: String
    public var barEmpty: String
    public var spinner: [String]

    /// Box drawing, ✓ ✗ !, •, a braille spinner.
    public static let unicode = Glyphs(
        horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└",
        bottomRight: "┘", pass: "✓", fail: "✗", warn: "!", pending: "·", skipped: "-",
        bullet: "•", mask: "•", ellipsis: "…", separator: "·", arrow: "›", barFull: "█",
        barEmpty: "░", spinner: ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"])

    /// Plain ASCII for terminals whose locale is not UTF-8.
    public static let ascii = Glyphs(
        horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+",
        bottomRight: "+", pass: "v", fail: "x", warn: "!", pending: ".", skipped: "-",
        bullet: "*", mask: "*", ellipsis: "...", separator: "-", arrow: ">", barFull: "#",
        barEmpty: ".", spinner: ["|", "/", "-", "\\"])
}
