import Foundation
import OktaCore

/// One line of the live connection checklist.
public struct CheckLine: Sendable, Equatable {
    public enum Status: Sendable, Equatable {
        case pending, running, pass, fail, warn, skipped
    }

    public var title: String
    public var status: Status
    /// Okta-derived text; neutralised when drawn.
    public var message: String
    /// Seconds the check took, once it finished.
    public var duration: Double?

    public init(title: String, status: Status, message: String = "", duration: Double? = nil) {
        self.title = title
        self.status = status
        self.message = message
        self.duration = duration
    }
}

/// Why a check or sync failed and what fixes it, in the user's words.
public struct Diagnosis: Sendable, Equatable {
    public var summary: String
    public var nextStep: String
    public var requestId: String?
    /// Okta rejected the token: the saved connection's access has expired.
    public var tokenRejected: Bool

    public init(
        summary: String, nextStep: String, requestId: String? = nil,
        tokenRejected: Bool = false
    ) {
        self.summary = summary
        self.nextStep = nextStep
        self.requestId = requestId
        self.tokenRejected = tokenRejected
    }
}

/// The end of a connection check.
public struct CheckOutcome: Sendable, Equatable {
    public var passed: Bool
    public var lines: [CheckLine]
    public var ownerId: String?
    public var ownerLogin: String?
    public var ownerDisplayName: String?
    public var orgName: String?
    public var diagnosis: Diagnosis?

    public init(
        passed: Bool, lines: [CheckLine], ownerId: String? = nil, ownerLogin: String? = nil,
        ownerDisplayName: String? = nil, orgName: String? = nil, diagnosis: Diagnosis? = nil
    ) {
        self.passed = passed
        self.lines = lines
        self.ownerId = ownerId
        self.ownerLogin = ownerLogin
        self.ownerDisplayName = ownerDisplayName
        self.orgName = orgName
        self.diagnosis = diagnosis
    }
}

/// The end of a sync.
public enum SyncOutcome: Sendable, Equatable {
    /// `users` are the store's current users afterwards; `changes` what this sync changed.
    case finished(users: Int, pages: Int, seconds: Double, changes: SyncChanges = .none)
    case failed(Diagnosis)
    case cancelled
}

/// What a finished sync changed in the store. An incremental sync receives at least the last
/// user it saw before, so the users it received say little; these say what is new.
public struct SyncChanges: Sendable, Equatable {
    public var added: Int
    public var updated: Int
    public var removed: Int

    public init(added: Int, updated: Int, removed: Int) {
        self.added = added
        self.updated = updated
        self.removed = removed
    }

    public static let none = SyncChanges(added: 0, updated: 0, removed: 0)

    /// "3 added, 1 updated" (counts of zero left out), or "no changes".
    public var text: String {
        let parts = [(added, "added"), (updated, "updated"), (removed, "removed")]
            .filter { $0.0 > 0 }.map { "\(Format.count($0.0)) \($0.1)" }
        return parts.isEmpty ? "no changes" : parts.joined(separator: ", ")
    }
}

/// What a running sync has done so far, as the status screen shows it (the driver maps the
/// sync engine's progress reports to this).
public struct SyncCounts: Sendable, Equatable {
    public var users: Int
    public var pages: Int
    /// 429 answers from Okta so far.
    public var rateLimitWaits: Int
    /// Seconds spent waiting for the rate limit.
    public var waitSeconds: Double
    /// The user count of the last complete full sync, when known (Okta sends no total).
    public var expectedTotal: Int?

    public init(
        users: Int = 0, pages: Int = 0, rateLimitWaits: Int = 0, waitSeconds: Double = 0,
        expectedTotal: Int? = nil
    ) {
        self.users = users
        self.pages = pages
        self.rateLimitWaits = rateLimitWaits
        self.waitSeconds = waitSeconds
        self.expectedTotal = expectedTotal
    }
}
