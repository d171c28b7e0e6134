/// The `?` overlay's part of the one key table: scrolling a key list taller than the terminal
/// (Esc, `?` and `q` close it; see `setupBindings`). The footer shows a scroll key only when
/// it would move the list (`AppState.idleActions`).
extension KeyTable {
    static let helpBindings: [KeyBinding] = [
        KeyBinding(
            keys: [.down, .character("j")], action: .moveDown, hint: "scroll",
            help: "Scroll the help down a line", contexts: [.helpOverlay], inFooter: true),
        KeyBinding(
            keys: [.up, .character("k")], action: .moveUp, hint: "scroll up",
            help: "Scroll the help up a line", contexts: [.helpOverlay], inFooter: true),
        KeyBinding(
            keys: [.pageDown, .control("f")], action: .pageDown, hint: "page down",
            help: "Scroll the help down a page", contexts: [.helpOverlay], inFooter: true),
        KeyBinding(
            keys: [.pageUp, .control("b")], action: .pageUp, hint: "page up",
            help: "Scroll the help up a page", contexts: [.helpOverlay], inFooter: false),
        KeyBinding(
            keys: [.home, .character("g")], action: .jumpTop, hint: "top",
            help: "Scroll to the top of the help", contexts: [.helpOverlay], inFooter: false),
        KeyBinding(
            keys: [.end, .character("G")], action: .jumpBottom, hint: "end",
            help: "Scroll to the end of the help", contexts: [.helpOverlay], inFooter: false),
    ]
}
