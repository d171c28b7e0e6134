import Foundation
import UserStore

/// `e` in the browser: the format question, the overwrite question, and the export's start and
/// result as notices. The writing itself is `BrowserExport`'s, off the UI thread.
extension BrowserScreen {
    mutating func answerExport(_ action: Action) -> [Effect] {
        switch (exportPrompt, action) {
        case (.chooseFormat?, .exportCSV): beginExport(.csv)
        case (.chooseFormat?, .exportJSON): beginExport(.json)
        case (.chooseFormat?, .back): exportPrompt = nil
        case (.confirmOverwrite(let format, let file)?, .confirm):
            exportPrompt = nil
            startExport(format, to: file, overwrite: true)
        case (.confirmOverwrite?, .decline):
            exportPrompt = nil
            notice = Notice(text: "Export cancelled; nothing was written.", isError: false)
        default: break
        }
        return []
    }

    private mutating func beginExport(_ format: UsersReport.Format) {
        let file = BrowserExport.fileURL(directory: exportDirectory, format: format, date: now)
        if FileManager.default.fileExists(atPath: file.path) {
            exportPrompt = .confirmOverwrite(format, file)
        } else {
            exportPrompt = nil
            startExport(format, to: file, overwrite: false)
        }
    }

    private mutating func startExport(_ format: UsersReport.Format, to file: URL, overwrite: Bool) {
        let started = export.start(
            storeURL: storeURL, filter: table.filter.userFilter, sort: table.sort, format: format,
            to: file, overwrite: overwrite)
        notice =
            started
            ? Notice(
                text: "Exporting \(Format.counted(table.total, "user")) to ", isError: false,
                path: file.path, afterPath: "…")
            : Notice(text: "An export is still running; wait for it to finish.", isError: true)
    }

    /// Shows a finished or failed export once.
    // FIXME: checked on keys and ticks only, so the result can show up to a second late; the
    // driver has no event a screen's own background work can post.
    mutating func takeExportResult() {
        switch export.status {
        case .finished(let path, let users):
            notice = Notice(
                text: "Exported \(Format.counted(users, "user")) to ", isError: false, path: path)
            export.acknowledge()
        case .failed(let text):
            notice = Notice(text: text, isError: true)
            export.acknowledge()
        case .idle, .running:
            break
        }
    }
}
