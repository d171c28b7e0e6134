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

    public init(summary: String, nextStep: String, requestId: String? = nil,
                tokenRejected: Bool = false) {
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
    case finished(users: Int, pages: Int, seconds: Double)
    case failed(Diagnosis)
    case cancelled
}
