/// How a cell is emphasised. Attributes work without colour (and under `NO_COLOR`), so the
/// screens rely on them; colour roles only add a hint on terminals that allow colour.
public struct CellStyle: Sendable, Hashable {
    /// Text attributes that every terminal supports.
    public struct Attributes: OptionSet, Sendable, Hashable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }

        public static let bold = Attributes(rawValue: 1 << 0)
        public static let reverse = Attributes(rawValue: 1 << 1)
        public static let dim = Attributes(rawValue: 1 << 2)
        public static let underline = Attributes(rawValue: 1 << 3)
    }

    /// What a colour would mean; the curses layer maps it to a foreground colour on the
    /// terminal's default background, or ignores it when colour is off.
    public enum ColorRole: Sendable, Hashable, CaseIterable {
        case plain, accent, success, failure, warning, link
    }

    public var attributes: Attributes
    public var role: ColorRole

    public init(_ attributes: Attributes = [], role: ColorRole = .plain) {
        self.attributes = attributes
        self.role = role
    }

    public static let plain = CellStyle()
    public static let bold = CellStyle(.bold)
    public static let dim = CellStyle(.dim)
    /// The focused field or button.
    public static let focus = CellStyle(.reverse)
    public static let title = CellStyle(.bold, role: .accent)
    public static let success = CellStyle(.bold, role: .success)
    public static let failure = CellStyle(.bold, role: .failure)
    public static let warning = CellStyle(.bold, role: .warning)
    public static let link = CellStyle(.underline, role: .link)
}
