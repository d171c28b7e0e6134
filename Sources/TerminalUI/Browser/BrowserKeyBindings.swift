/// The users browser's part of the one key table: the footer, the `?` overlay and the README
/// key list come from these rows, and the browser resolves every key through them.
extension KeyTable {
    /// The contexts where rows can be moved through (table, detail, charts, picker).
    private static let lists: [KeyContext] = [
        .browser, .browserDetail, .browserUtilization, .browserPicker,
    ]
    /// The contexts where `q` quits and `?` shows help.
    private static let views: [KeyContext] = [.browser, .browserDetail, .browserUtilization]

    static let browserBindings: [KeyBinding] = [
        KeyBinding(
            keys: [.enter], action: .activate, hint: "keep",
            help: "Keep the filter and go back to the rows", contexts: [.browserFilter],
            inFooter: true),
        KeyBinding(
            keys: [.escape], action: .back, hint: "clear",
            help: "Clear the filter; back to the row you were on",
            contexts: [.browserFilter], inFooter: true),
        KeyBinding(
            keys: [.up], action: .moveUp, hint: "up",
            help: "Move the selection up while typing", contexts: [.browserFilter],
            inFooter: false),
        KeyBinding(
            keys: [.down], action: .moveDown, hint: "down",
            help: "Move the selection down while typing", contexts: [.browserFilter],
            inFooter: false),
        KeyBinding(
            keys: [.character("c")], action: .exportCSV, hint: "CSV",
            help: "CSV, as okta-connect users --format csv",
            contexts: [.browserExport], inFooter: true),
        KeyBinding(
            keys: [.character("j")], action: .exportJSON, hint: "JSON",
            help: "JSON with full profiles, as users --format json",
            contexts: [.browserExport], inFooter: true),
        KeyBinding(
            keys: [.escape], action: .back, hint: "cancel", help: "Cancel the export",
            contexts: [.browserExport], inFooter: true),
        KeyBinding(
            keys: [.character(" ")], action: .toggleItem, hint: "toggle",
            help: "Show or hide users in this status", contexts: [.browserPicker],
            inFooter: true),
        KeyBinding(
            keys: [.character("a")], action: .toggleAll, hint: "all",
            help: "Check every status, or none if all are",
            contexts: [.browserPicker], inFooter: true),
        KeyBinding(
            keys: [.enter], action: .activate, hint: "apply",
            help: "Apply the chosen statuses", contexts: [.browserPicker], inFooter: true),
        KeyBinding(
            keys: [.escape], action: .back, hint: "cancel",
            help: "Close without changing the status filter", contexts: [.browserPicker],
            inFooter: true),
        KeyBinding(
            keys: [.up, .character("k")], action: .moveUp, hint: "up",
            help: "Move up one row", contexts: lists, inFooter: false),
        KeyBinding(
            keys: [.down, .character("j")], action: .moveDown, hint: "down",
            help: "Move down one row", contexts: lists, inFooter: false),
        KeyBinding(
            keys: [.pageUp, .control("b")], action: .pageUp, hint: "page up",
            help: "Move up one page", contexts: [.browser, .browserDetail], inFooter: false),
        KeyBinding(
            keys: [.pageDown, .control("f")], action: .pageDown, hint: "page down",
            help: "Move down one page", contexts: [.browser, .browserDetail], inFooter: false),
        KeyBinding(
            keys: [.home, .character("g")], action: .jumpTop, hint: "top",
            help: "Jump to the first row",
            contexts: [.browser, .browserDetail, .browserPicker], inFooter: false),
        KeyBinding(
            keys: [.home, .character("g")], action: .jumpTop, hint: "top",
            help: "Jump to the first bar", contexts: [.browserUtilization], inFooter: false),
        KeyBinding(
            keys: [.end, .character("G")], action: .jumpBottom, hint: "end",
            help: "Jump to the last row",
            contexts: [.browser, .browserDetail, .browserPicker], inFooter: false),
        KeyBinding(
            keys: [.end, .character("G")], action: .jumpBottom, hint: "end",
            help: "Jump to the last bar", contexts: [.browserUtilization], inFooter: false),
        KeyBinding(
            keys: [.enter], action: .openDetail, hint: "detail",
            help: "Show every attribute of the selected user", contexts: [.browser],
            inFooter: true),
        KeyBinding(
            keys: [.enter], action: .activate, hint: "show users",
            help: "Show the table filtered to this bar's users",
            contexts: [.browserUtilization], inFooter: true),
        KeyBinding(
            keys: [.character("/")], action: .startFilter, hint: "filter",
            help: "Filter name, login, email as you type (any case)",
            contexts: [.browser], inFooter: true),
        KeyBinding(
            keys: [.character("f")], action: .pickStatuses, hint: "status",
            help: "Pick statuses shown (e.g. hide DEPROVISIONED)",
            contexts: [.browser], inFooter: true),
        KeyBinding(
            keys: [
                .character("1"), .character("2"), .character("3"), .character("4"),
                .character("5"),
            ], action: .sortBy, hint: "sort",
            help: "Sort by column 1-5; the same key again reverses",
            contexts: [.browser], inFooter: true, footerKeys: "1-5"),
        KeyBinding(
            keys: [.character("u")], action: .showUtilization, hint: "usage",
            help: "Utilization charts; again returns to the table",
            contexts: [.browser, .browserUtilization], inFooter: true),
        KeyBinding(
            keys: [.character("e")], action: .exportView, hint: "export",
            help: "Export this filtered, sorted view to CSV or JSON",
            contexts: [.browser], inFooter: true),
        KeyBinding(
            keys: [.character("s")], action: .syncNow, hint: "sync",
            help: "Sync now: refresh the local store from Okta",
            contexts: [.browser, .browserUtilization], inFooter: true),
        KeyBinding(
            keys: [.character("i")], action: .cycleInactivity, hint: "inactive",
            help: "Inactive: never, no login in 30/60/90 d, off",
            contexts: [.browser], inFooter: true),
        KeyBinding(
            keys: [.character("c")], action: .clearFilters, hint: "clear",
            help: "Clear every filter", contexts: [.browser], inFooter: false),
        KeyBinding(
            keys: [.escape], action: .back, hint: "back",
            help: "Clear the filters, or leave the browser if none",
            contexts: [.browser], inFooter: true),
        KeyBinding(
            keys: [.escape], action: .back, hint: "back",
            help: "Back to the table, on the same row",
            contexts: [.browserDetail, .browserUtilization], inFooter: true),
        KeyBinding(
            keys: [.character("q")], action: .quit, hint: "quit", help: "Quit okta-connect",
            contexts: views, inFooter: false),
        KeyBinding(
            keys: [.character("?")], action: .help, hint: "help", help: "Show every key",
            contexts: views, inFooter: true),
    ]
}
