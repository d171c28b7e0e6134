/// What the screens need to know about the terminal to draw.
public struct RenderEnvironment: Sendable {
    public var glyphs: Glyphs
    public var widths: CellWidth

    public init(glyphs: Glyphs = .unicode, widths: CellWidth = .standard) {
        self.glyphs = glyphs
        self.widths = widths
    }

    /// Unicode glyphs and the pure width function.
    public static let unicode = RenderEnvironment()
    /// ASCII glyphs, for a locale that is not UTF-8.
    public static let ascii = RenderEnvironment(glyphs: .ascii)
}

/// A rectangle of the canvas.
public struct Rect: Sendable, Equatable {
    public var top: Int
    public var left: Int
    public var width: Int
    public var height: Int

    public init(top: Int, left: Int, width: Int, height: Int) {
        self.top = top
        self.left = left
        self.width = width
        self.height = height
    }
}

/// A full screen opened on top of the setup screens, such as the users browser (issue 5).
///
/// The app draws the title bar, message line and footer (from `keyContexts` and the key
/// table) and hands the body to the screen. Keys go to the screen except the ones bound
/// `anywhere` (Ctrl-C, Ctrl-L, F1). Return `Effect.closeScreen` to go back to the status
/// screen; events from the driver (sync progress, ticks, store query results) are passed on
/// through `apply`.
public protocol Screen: Sendable {
    /// The title bar text, e.g. "Users · 1,204 of 98,311".
    var title: String { get }
    /// The title for a bar `width` cells wide: a screen whose title can say the same in
    /// fewer words does so rather than lose its end to the cut.
    func title(fitting width: Int, widths: CellWidth) -> String
    /// The key contexts active now, most specific first; drives footer and help.
    var keyContexts: [KeyContext] { get }
    /// Draws the body into `area`.
    func render(into canvas: inout Canvas, area: Rect, environment: RenderEnvironment)
    /// Called once when the screen is shown; returns the work it needs (its first store
    /// reads).
    mutating func start() -> [Effect]
    /// Handles a key; returns the work to do.
    mutating func handle(_ key: Key) -> [Effect]
    /// Takes note of something that happened; returns any work it calls for.
    mutating func apply(_ event: AppEvent) -> [Effect]
}

extension Screen {
    public func title(fitting width: Int, widths: CellWidth) -> String { title }
    public mutating func start() -> [Effect] { [] }
    public mutating func apply(_ event: AppEvent) -> [Effect] { [] }
}
