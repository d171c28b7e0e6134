import Foundation

/// The few escape sequences the app writes around curses, built so that data can never
/// smuggle its own sequences into them.
public enum TerminalEscapes {
    /// OSC 52: asks the terminal to put `text` on the system clipboard. The payload is base64,
    /// so nothing in the text can end the sequence early.
    public static func copyToClipboard(_ text: String) -> String {
        "\u{1B}]52;c;" + Data(text.utf8).base64EncodedString() + "\u{07}"
    }

    /// OSC 8: `text` drawn at (`row`, `column`) as a hyperlink to `url`, wrapped in
    /// save/restore cursor so curses' idea of the cursor and attributes stays true. Returns
    /// nil when the URL holds anything but printable ASCII (it could end the sequence) or the
    /// text holds control characters.
    public static func hyperlink(url: String, text: String, row: Int, column: Int) -> String? {
        guard !url.isEmpty, url.utf8.allSatisfy({ (0x21...0x7E).contains($0) }),
            !text.unicodeScalars.contains(where: \.isTerminalControl)
        else { return nil }
        return "\u{1B}7\u{1B}[\(row + 1);\(column + 1)H\u{1B}[0;4m"
            + "\u{1B}]8;;\(url)\u{1B}\\" + text + "\u{1B}]8;;\u{1B}\\" + "\u{1B}8"
    }
}
