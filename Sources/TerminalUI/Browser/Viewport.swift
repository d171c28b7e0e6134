import OktaCore

/// The size the last render had, so keys (paging) and the table follow a resize. A reference
/// because rendering does not mutate the screen; only the layout numbers pass through it.
final class Viewport: Sendable {
    private let size: Locked<(height: Int, width: Int, widths: CellWidth)>

    init(height: Int) {
        size = Locked((height, 76, .standard))
    }

    var height: Int { size.withLock { $0.height } }
    var width: Int { size.withLock { $0.width } }
    var widths: CellWidth { size.withLock { $0.widths } }

    func record(height: Int, width: Int, widths: CellWidth) {
        size.withLock { $0 = (height, width, widths) }
    }
}
