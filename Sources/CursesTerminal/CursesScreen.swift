import CCurses
import Foundation
import TerminalUI

/// Why the terminal UI could not start; the message is the one line printed before exit 2.
public enum TerminalStartError: Error, CustomStringConvertible {
    case noTerminal
    case unknownTerminal(String?)

    public var description: String {
        switch self {
        case .noTerminal:
            return "okta-connect: the terminal UI needs an interactive terminal (no /dev/tty); "
                + "use a command instead, e.g. okta-connect status."
        case .unknownTerminal(let name):
            let shown = name.map { "'\($0)'" } ?? "(TERM is not set)"
            return "okta-connect: unknown terminal type \(shown); "
                + "set TERM to e.g. xterm-256color and try again."
        }
    }
}

/// The ncursesw screen: copies canvases to the terminal and reads keys.
///
/// Not Sendable and used from one thread only: ncurses is not thread-safe. Background work
/// never touches it; it posts events that the UI loop applies between reads.
final class CursesScreen {
    let isUTF8: Bool
    let colorsEnabled: Bool
    let widths: CellWidth
    private let window: UnsafeMutablePointer<WINDOW>

    /// Colour pairs by role (pair numbers start at 1).
    private static let roleColors: [CellStyle.ColorRole: Int16] = [
        .success: 1, .failure: 2, .warning: 3, .link: 4, .accent: 5,
    ]

    /// Starts curses on /dev/tty. Call `setupLocale` first (before anything prints).
    init(isUTF8: Bool, noColor: Bool) throws(TerminalStartError) {
        switch cc_start() {
        case Int32(CC_STARTED): break
        case Int32(CC_NO_TERMINAL): throw .noTerminal
        default: throw .unknownTerminal(ProcessInfo.processInfo.environment["TERM"])
        }
        guard let window = cc_stdscr() else { throw .noTerminal }
        self.window = window
        self.isUTF8 = isUTF8
        if noColor {
            colorsEnabled = false
        } else {
            let colors: [Int16] = [
                Int16(COLOR_GREEN), Int16(COLOR_RED), Int16(COLOR_YELLOW), Int16(COLOR_CYAN), -1,
            ]
            colorsEnabled = colors.withUnsafeBufferPointer {
                cc_start_colors($0.baseAddress, Int32($0.count)) == 1
            }
        }
        widths =
            isUTF8
            ? CellWidth { scalar in
                Int(cc_wcwidth(wchar_t(bitPattern: scalar.value)))
            } : .standard
        wtimeout(window, 50)
    }

    /// Sets the locale from the environment; true when it is UTF-8.
    static func setupLocale() -> Bool { cc_setup_locale() == 1 }

    var columns: Int { Int(getmaxx(window)) }
    var rows: Int { Int(getmaxy(window)) }

    /// Leaves curses and restores the terminal.
    func stop() { cc_stop() }

    /// Forces a full repaint on the next draw (Ctrl-L, resize).
    func invalidate() { clearok(window, true) }

    /// Copies `canvas` to the terminal: erase, draw, one `doupdate`, then hyperlinks.
    func draw(_ canvas: Canvas) {
        werase(window)
        for (y, row) in canvas.cells.enumerated() where y < rows {
            var x = 0
            while x < row.count && x < columns {
                let cell = row[x]
                guard cell.width > 0 else {
                    x += 1
                    continue
                }
                var run: [wchar_t] = []
                let start = x
                let style = cell.style
                while x < row.count, row[x].style == style {
                    if row[x].width > 0 { run += drawable(row[x].text) }
                    x += 1
                }
                apply(style)
                run.append(0)
                mvwaddnwstr(window, Int32(y), Int32(start), run, Int32(run.count - 1))
            }
        }
        wattr_set(window, cc_a_normal(), 0, nil)
        if let cursor = canvas.cursor {
            curs_set(1)
            wmove(window, Int32(cursor.row), Int32(cursor.column))
        } else {
            curs_set(0)
        }
        wnoutrefresh(window)
        doupdate()
        writeLinks(canvas)
    }

    /// Reads one input (waiting at most ~50 ms); nil when nothing arrived.
    func read() -> PasteAssembler.Input? {
        var value: wint_t = 0
        let result = wget_wch(window, &value)
        if result == ERR { return nil }
        if result == KEY_CODE_YES {
            let code = Int32(value)
            if code == cc_key_paste_start() { return .pasteStart }
            if code == cc_key_paste_end() { return .pasteEnd }
            return KeyMapping.key(forCode: code).map { .key($0) }
        }
        return KeyMapping.key(forCharacter: UInt32(value)).map { .key($0) }
    }

    /// Sends text to the clipboard with OSC 52.
    func copyToClipboard(_ text: String) {
        writeRaw(TerminalEscapes.copyToClipboard(text))
    }

    /// Stops signals from doing more than set a flag; returns the pending one.
    func takeSignal() -> Int32 { cc_take_signal() }

    private func apply(_ style: CellStyle) {
        var attributes = cc_a_normal()
        if style.attributes.contains(.bold) { attributes |= cc_a_bold() }
        if style.attributes.contains(.reverse) { attributes |= cc_a_reverse() }
        if style.attributes.contains(.dim) { attributes |= cc_a_dim() }
        if style.attributes.contains(.underline) { attributes |= cc_a_underline() }
        let pair = colorsEnabled ? Self.roleColors[style.role] ?? 0 : 0
        wattr_set(window, attributes, pair, nil)
    }

    /// The scalars of one cell that keep its width: the base and its zero-width marks, without
    /// ZWJ continuations or variation selectors that would widen it on some terminals.
    private func drawable(_ text: String) -> [wchar_t] {
        var scalars: [wchar_t] = []
        for (index, scalar) in text.unicodeScalars.enumerated() {
            let value = scalar.value
            if index == 0 {
                if cc_wcwidth(wchar_t(bitPattern: value)) == 0 { scalars.append(0x20) }
                scalars.append(wchar_t(bitPattern: value))
                continue
            }
            if value == 0x200D { break }
            if (0xFE00...0xFE0F).contains(value) { continue }
            if cc_wcwidth(wchar_t(bitPattern: value)) == 0 {
                scalars.append(wchar_t(bitPattern: value))
            }
        }
        return scalars
    }

    // FIXME: OSC 8 is written after each frame inside save/restore cursor; verified only as
    // plain text under tmux 3.3 (which drops OSC 8), not yet in a terminal that renders links.
    private func writeLinks(_ canvas: Canvas) {
        var out = ""
        for link in canvas.links where link.row < rows {
            let text = canvas.cells[link.row][link.column..<(link.column + link.width)]
                .filter { $0.width > 0 }.map(\.text).joined()
            if let sequence = TerminalEscapes.hyperlink(
                url: link.url, text: text, row: link.row, column: link.column)
            {
                out += sequence
            }
        }
        if !out.isEmpty { writeRaw(out) }
    }

    private func writeRaw(_ text: String) {
        var bytes = Array(text.utf8)
        cc_write_raw(&bytes, bytes.count)
    }
}
