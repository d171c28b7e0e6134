import Foundation
import OktaCore
import TestSupport
import Testing
import UserStore

@testable import TerminalUI

/// `e` in the browser: the current filtered, sorted view into a CSV or JSON file in the data
/// directory, byte for byte what `okta-connect users` writes, never over a file unasked.
@Suite struct BrowserExportTests {
    typealias F = BrowserFixtures

    /// Feeds ticks until the export's result is on screen (the export runs in a task).
    func waitForExport(_ state: inout AppState) async throws -> String {
        for _ in 0..<500 {
            _ = state.apply(.tick(F.now))
            let text = state.render().text
            if text.contains("Exported ") || text.contains("failed") { return text }
            try await Task.sleep(nanoseconds: 20_000_000)
        }
        Issue.record("the export did not finish")
        return state.render().text
    }

    @Test func exportsTheFilteredSortedViewAsCSVAndJSON() async throws {
        let (store, directory) = try F.store(F.people)
        defer { directory.remove() }
        var state = F.app(store, directory: directory, columns: 160, rows: 30)
        F.press([.character("/"), .character("a"), .character("c"), .character("m")], in: &state)
        F.press([.enter, .character("4"), .character("4"), .character("e")], in: &state)
        #expect(state.keyContexts == [.browserExport])
        #expect(state.render().text.contains("Export 9 users"))
        F.press([.character("c")], in: &state)
        let done = try await waitForExport(&state)
        let file = BrowserExport.fileURL(
            directory: directory.url.appendingPathComponent("data"), format: .csv, date: F.now)
        #expect(done.contains("Exported 9 users to \(file.path)"))

        let filter = UserFilter(text: "acm")
        let sort = UserSort(.lastLogin, descending: true)
        let expected = try UsersReport.render(
            store: store, filter: filter, sort: sort, format: .csv)
        #expect(try String(contentsOf: file, encoding: .utf8) == expected)

        F.press([.character("e"), .character("j")], in: &state)
        _ = try await waitForExport(&state)
        let json = BrowserExport.fileURL(
            directory: directory.url.appendingPathComponent("data"), format: .json, date: F.now)
        let expectedJSON = try UsersReport.render(
            store: store, filter: filter, sort: sort, format: .json)
        #expect(try String(contentsOf: json, encoding: .utf8) == expectedJSON)
    }

    /// At 80 columns the path does not fit the status line: directories give way, the
    /// file name stays whole.
    @Test func theExportedFileNameIsShownWholeAt80Columns() async throws {
        let (store, directory) = try F.store(F.people)
        defer { directory.remove() }
        var state = F.app(store, directory: directory, columns: 80, rows: 24)
        F.press([.character("e"), .character("c")], in: &state)
        let done = try await waitForExport(&state)
        let file = BrowserExport.fileURL(
            directory: directory.url.appendingPathComponent("data"), format: .csv, date: F.now)
        #expect(("Exported 10 users to " + file.path).count > 80)
        let line = done.split(separator: "\n").first { $0.contains("Exported ") }
        #expect(line?.hasSuffix("/…/data/" + file.lastPathComponent) == true, "\(line ?? "")")
    }

    @Test func pathsGiveWayFromTheMiddle() {
        let widths = CellWidth.standard
        func fit(_ path: String, _ limit: Int, home: String = "/home/ana") -> String {
            Format.path(path, fitting: limit, home: home, ellipsis: "…", widths: widths)
        }
        let export = "/home/ana/.local/share/okta-connect/demo/users-export-1.csv"
        #expect(fit(export, 100) == "~/.local/share/okta-connect/demo/users-export-1.csv")
        #expect(fit(export, 40) == "~/…/okta-connect/demo/users-export-1.csv")
        #expect(fit(export, 30) == "~/…/demo/users-export-1.csv")
        #expect(fit(export, 10) == "~/…/users-export-1.csv")
        #expect(fit(export, 100, home: "/home/an") == export)
        #expect(fit("/tmp/x/y/z.csv", 9, home: "") == "/…/z.csv")
        #expect(fit("z.csv", 2) == "z.csv")
        #expect(fit(export, 40, home: "/home/ana/") == "~/…/okta-connect/demo/users-export-1.csv")
        // An ASCII "..." longer than the directory it would replace leaves the path as it is.
        #expect(
            Format.path("/a/x.csv", fitting: 4, home: "", ellipsis: "...", widths: widths)
                == "/a/x.csv")
    }

    /// The browser on an app, with `export` as its export.
    static func browser(
        _ store: UserStore, directory: TemporaryDirectory, export: BrowserExport
    ) -> AppState {
        var state = AppState(saved: nil, now: F.now, columns: 80, rows: 24)
        SynchronousQueries.apply(
            .pushScreen(
                BrowserScreen(
                    store: store, exportDirectory: directory.url, now: F.now, export: export)),
            in: &state)
        return state
    }

    /// `q` while an export runs asks first; quitting deletes the hidden file it was writing,
    /// which its task, dying with the process, could not.
    @Test func quittingDuringAnExportAsksAndLeavesNoPartialFile() throws {
        let (store, directory) = try F.store(F.people)
        defer { directory.remove() }
        let file = directory.url.appendingPathComponent("users-export-1.csv")
        let partial = BrowserExport.partialURL(for: file)
        try Data("Name,Login\n".utf8).write(to: partial)
        BrowserExport.partials.withLock { _ = $0.insert(partial.path) }  // as `write` does
        let export = BrowserExport(status: .running(path: file.path))
        var state = Self.browser(store, directory: directory, export: export)
        #expect(state.handle(.character("q")).isEmpty)
        #expect(state.render().text.contains(BrowserScreen.quitDuringExport))
        #expect(state.handle(.character("n")).isEmpty)
        #expect(FileManager.default.fileExists(atPath: partial.path))
        _ = state.handle(.character("q"))
        #expect(state.handle(.character("y")) == [.cancelWork, .quit])
        #expect(!FileManager.default.fileExists(atPath: partial.path))
    }

    /// The export ends while "Quit and stop it?" is open: the question still asks, without
    /// the stopping.
    @Test func theExportQuitQuestionOutlivesTheExport() throws {
        let (store, directory) = try F.store(F.people)
        defer { directory.remove() }
        let file = directory.url.appendingPathComponent("users-export-2.csv")
        let export = BrowserExport(status: .running(path: file.path))
        var state = Self.browser(store, directory: directory, export: export)
        _ = state.handle(.character("q"))
        export.finishForTesting(path: file.path, users: 10)
        _ = state.apply(.tick(F.now))
        #expect(state.render().text.contains(BrowserScreen.quitAfterExport))
        #expect(state.handle(.character("y")) == [.cancelWork, .quit])
    }

    /// A store deleted under the browser (`disconnect --purge` elsewhere) is not exported as
    /// an empty one, nor created again by the export.
    @Test func aDeletedStoreIsNotExportedNorCreated() throws {
        let directory = try TemporaryDirectory(prefix: "export-test")
        defer { directory.remove() }
        let gone = directory.url.appendingPathComponent("users-gone.sqlite")
        let file = directory.url.appendingPathComponent("users-export-1.csv")
        let status = BrowserExport.write(
            storeURL: gone, filter: .all, sort: UserSort(), format: .csv, to: file,
            overwrite: false)
        guard case .failed(let message) = status else {
            Issue.record("expected a failure, got \(status)")
            return
        }
        #expect(message.contains("is gone"))
        #expect(!FileManager.default.fileExists(atPath: gone.path))
        #expect(!FileManager.default.fileExists(atPath: file.path))
    }

    @Test func anExistingFileIsReplacedOnlyAfterAskingAndNotWhenDeclined() async throws {
        let (store, directory) = try F.store(F.people)
        defer { directory.remove() }
        let data = directory.url.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        let file = BrowserExport.fileURL(directory: data, format: .csv, date: F.now)
        try Data("keep me".utf8).write(to: file)
        var state = F.app(store, directory: directory, columns: 200, rows: 30)

        F.press([.character("e"), .character("c")], in: &state)
        #expect(state.keyContexts == [.confirming])
        let question = state.render().text
        #expect(question.contains(file.lastPathComponent))
        #expect(question.contains("Replace it?"))
        F.press([.character("n")], in: &state)
        #expect(state.render().text.contains("Export cancelled; nothing was written."))
        #expect(try String(contentsOf: file, encoding: .utf8) == "keep me")

        F.press([.character("e"), .character("c"), .character("y")], in: &state)
        let done = try await waitForExport(&state)
        #expect(done.contains("Exported 10 users"))
        let expected = try UsersReport.render(
            store: store, filter: .all, sort: UserSort(.name), format: .csv)
        #expect(try String(contentsOf: file, encoding: .utf8) == expected)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: data.path)
        #expect(leftovers == [file.lastPathComponent])
    }

    @Test func writeRefusesToReplaceWithoutPermission() throws {
        let (store, directory) = try F.store(F.people)
        defer { directory.remove() }
        let file = directory.url.appendingPathComponent("taken.csv")
        try Data("mine".utf8).write(to: file)
        let status = BrowserExport.write(
            storeURL: store.url, filter: .all, sort: UserSort(.name), format: .csv, to: file,
            overwrite: false)
        guard case .failed(let message) = status else {
            Issue.record("expected a refusal, got \(status)")
            return
        }
        #expect(message.contains("exists; nothing was written"))
        #expect(try String(contentsOf: file, encoding: .utf8) == "mine")
    }

    @Test func anEmptyViewHasNothingToExport() throws {
        let (store, directory) = try F.store([])
        defer { directory.remove() }
        var state = F.app(store, directory: directory)
        F.press([.character("e")], in: &state)
        #expect(state.keyContexts == [.browser])
        #expect(state.render().text.contains("Nothing to export"))
    }
}
