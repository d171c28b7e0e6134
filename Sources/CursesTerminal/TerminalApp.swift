import CCurses
import Foundation
import OktaCore
import TerminalUI

/// Runs the terminal UI until the user quits; the CLI calls this when no command is given.
///
/// Returns `.ok` after a normal quit (also Ctrl-C, SIGTERM, SIGHUP, which end it cleanly) and
/// `.usage` (exit 2) after printing one line when there is no terminal or `TERM` is unknown.
/// Nothing is printed while the screen is active: stderr goes to the log file meanwhile.
public func runTerminalApp(context: AppContext) -> ExitStatus {
    let isUTF8 = CursesScreen.setupLocale()
    let screen: CursesScreen
    do {
        screen = try CursesScreen(isUTF8: isUTF8, noColor: context.noColor)
    } catch {
        FileHandle.standardError.write(Data((error.description + "\n").utf8))
        return .usage
    }
    try? context.paths.createDirectories()
    _ = cc_redirect_stderr(context.paths.logFile.path)
    context.logger.log("terminal UI started (utf8: \(isUTF8), colour: \(screen.colorsEnabled))")

    var loop = TerminalLoop(screen: screen, context: context)
    loop.run()
    // However the loop ended (q, Ctrl-C, a signal), an export still writing dies with us.
    BrowserExport.discardPartials()

    screen.stop()
    context.logger.log("terminal UI stopped")
    return .ok
}

/// The UI loop: read a key (or time out after ~50 ms), apply it and any queued events, draw.
struct TerminalLoop {
    let screen: CursesScreen
    let driver: AppDriver
    let environment: RenderEnvironment
    var state: AppState
    var paste = PasteAssembler()
    var lastTick = Date()
    var needsDraw = true

    init(screen: CursesScreen, context: AppContext) {
        self.screen = screen
        driver = AppDriver(context: context)
        environment = RenderEnvironment(
            glyphs: screen.isUTF8 ? .unicode : .ascii, widths: screen.widths)
        state = AppState(
            saved: driver.loadSummary(), demo: context.demo, now: Date(),
            columns: screen.columns, rows: screen.rows)
        run(state.start())
        if context.startInBrowser {
            // Connected: as if b were pressed on the status screen. Not connected: the users
            // a disconnect left in the store, if any (the driver opens nothing without them).
            run(state.saved != nil ? state.handle(.character("b")) : [.browseUsers(.allUsers)])
        }
    }

    mutating func run() {
        while !state.hasQuit {
            if needsDraw {
                let canvas = state.render(environment: environment)
                screen.draw(screen.isUTF8 ? canvas : canvas.asciiOnly())
                needsDraw = false
            }
            if screen.takeSignal() != 0 {
                run(state.handle(.control("c")))
                break
            }
            if let input = screen.read(), let key = paste.feed(input) {
                if key == .resize {
                    state.resize(columns: screen.columns, rows: screen.rows)
                    screen.invalidate()
                }
                run(state.handle(key))
                needsDraw = true
            }
            for event in driver.takeEvents() {
                run(state.apply(event))
                needsDraw = true
            }
            let now = Date()
            let interval = state.isBusy ? 0.1 : 1.0
            if now.timeIntervalSince(lastTick) >= interval {
                lastTick = now
                run(state.apply(.tick(now)))
                needsDraw = true
            }
        }
        driver.perform(.cancelWork)
    }

    /// Carries out effects: the terminal's own here, everything else through the driver.
    private mutating func run(_ effects: [Effect]) {
        for effect in effects {
            switch effect {
            case .repaint:
                screen.invalidate()
            case .copyToClipboard(let text):
                screen.copyToClipboard(text)
                run(state.apply(.copiedToClipboard))
            case .quit, .closeScreen:
                break
            default:
                driver.perform(effect)
            }
        }
        needsDraw = true
    }
}
