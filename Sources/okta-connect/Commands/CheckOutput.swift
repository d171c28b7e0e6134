import Foundation
import OktaCore

/// Prints a connection check: a line per finished step as it happens, or one JSON object.
struct CheckOutput: Sendable {
    let json: Bool

    /// Prints steps that finished since the last call (live progress for humans).
    func progress(_ report: CheckReport, printed: Locked<Set<CheckStep>>) {
        guard !json else { return }
        for result in report.steps where Self.isFinished(result.status) {
            guard printed.withLock({ $0.insert(result.step).inserted }) else { continue }
            Console().out(Self.line(result))
        }
    }

    /// Prints the outcome.
    func finish(_ report: CheckReport, org: OrgAddress) {
        if json {
            let checks: [[String: Any]] = report.steps
                .filter { Self.isFinished($0.status) && $0.status != .skipped }
                .map { result in
                    var object: [String: Any] = [
                        "name": result.step.rawValue,
                        "result": result.status == .warn ? "warn" : result.status.rawValue,
                        "message": SafeText.neutralized(result.message),
                        "requestId": result.requestId ?? NSNull(),
                    ]
                    if let duration = result.duration {
                        object["durationMs"] = Int((duration * 1000).rounded())
                    }
                    return object
                }
            Console().json(["ok": report.ok, "checks": checks])
            return
        }
        let console = Console()
        if report.ok {
            let owner = report.owner?.login ?? "?"
            console.out(
                "Connected as \(SafeText.neutralized(owner)) to \(org.origin.absoluteString).")
        } else if let failure = report.failure {
            console.err("Connection check failed: \(SafeText.neutralized(failure.description))")
        }
    }

    static func isFinished(_ status: CheckStepResult.Status) -> Bool {
        status != .pending && status != .running
    }

    static func line(_ result: CheckStepResult) -> String {
        let mark: String
        switch result.status {
        case .pass: mark = "✓"
        case .fail: mark = "✗"
        case .warn: mark = "!"
        case .skipped: mark = "-"
        case .pending, .running: mark = " "
        }
        let duration = result.duration.map { String(format: " (%.0f ms)", $0 * 1000) } ?? ""
        return "  \(mark) \(result.step.title): \(SafeText.neutralized(result.message))\(duration)"
    }
}
