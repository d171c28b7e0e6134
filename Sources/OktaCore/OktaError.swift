import Foundation

/// Everything that can go wrong talking to an Okta org, classified for the user.
///
/// Okta says only `errorCode` is meant for flow control (`errorSummary` may change), so API
/// errors are classified by code, and transport failures by what the network layer reported.
/// Each error keeps Okta's `X-Okta-Request-Id`, which Okta support asks for.
public struct OktaError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, in terms of what the user can do about it.
    public enum Kind: Sendable, Equatable {
        /// 401 E0000011: the token expired (30 days unused), was revoked, or its admin was
        /// deactivated. Only a new token helps.
        case tokenRejected
        /// 403 E0000006, 401/403 E0000015: the token works but its admin lacks a permission.
        case permissionDenied
        /// 404 E0000007.
        case notFound
        /// 429 E0000047 still answered after every retry.
        case rateLimited
        /// 5xx still answered after every retry.
        case serverError
        /// Another Okta error code (e.g. E0000031, invalid search).
        case apiError
        /// The host answered, but not like an Okta org (HTML, non-JSON, a 404 page).
        case notAnOktaOrg
        /// A 2xx response whose JSON could not be read (e.g. cut off), after retries.
        case malformedResponse
        /// DNS could not resolve the host.
        case cannotResolveHost
        /// Nothing listens at the address (TCP refused).
        case connectionRefused
        /// The TLS handshake or certificate check failed.
        case tlsFailure
        /// No answer within the time limit, after retries.
        case timedOut
        /// The connection dropped mid-request, after retries.
        case connectionLost
        /// No network at all (interface down, no route).
        case offline
        /// Okta kept sending `next` links that repeat or add nothing.
        case paginationLoop
        /// The work was cancelled (Ctrl-C, Esc).
        case cancelled
        /// Any other transport failure.
        case transport
    }

    public var kind: Kind
    /// The HTTP status when a response arrived.
    public var httpStatus: Int?
    /// Okta's `errorCode`, e.g. `E0000011`.
    public var errorCode: String?
    /// Okta's `errorSummary`, for context only.
    public var errorSummary: String?
    /// Okta's `X-Okta-Request-Id` of the failing response.
    public var requestId: String?
    /// The host that was contacted.
    public var host: String?
    /// The transport layer's own words, for the log.
    public var detail: String?

    public init(
        _ kind: Kind, httpStatus: Int? = nil, errorCode: String? = nil, errorSummary: String? = nil,
        requestId: String? = nil, host: String? = nil, detail: String? = nil
    ) {
        self.kind = kind
        self.httpStatus = httpStatus
        self.errorCode = errorCode
        self.errorSummary = errorSummary
        self.requestId = requestId
        self.host = host
        self.detail = detail
    }

    /// Classifies an Okta error response by its `errorCode`, falling back to the status.
    public static func classify(
        status: Int, errorCode: String?, errorSummary: String?, requestId: String?, host: String?
    ) -> OktaError {
        let kind: Kind
        switch errorCode {
        case "E0000011": kind = .tokenRejected
        case "E0000006", "E0000015": kind = .permissionDenied
        case "E0000007": kind = .notFound
        case "E0000047": kind = .rateLimited
        case .some: kind = status >= 500 ? .serverError : .apiError
        case nil:
            switch status {
            case 429: kind = .rateLimited
            case 500...599: kind = .serverError
            default: kind = .notAnOktaOrg
            }
        }
        return OktaError(
            kind, httpStatus: status, errorCode: errorCode, errorSummary: errorSummary,
            requestId: requestId, host: host)
    }

    /// The exit status the commands report for this error.
    public var exitStatus: ExitStatus {
        switch kind {
        case .tokenRejected: return .tokenRejected
        case .permissionDenied: return .permissionMissing
        case .rateLimited, .serverError, .malformedResponse, .paginationLoop:
            return .oktaKeptFailing
        case .notAnOktaOrg, .cannotResolveHost, .connectionRefused, .tlsFailure, .timedOut,
            .connectionLost, .offline, .transport:
            return .orgUnreachable
        case .notFound, .apiError, .cancelled: return .failure
        }
    }

    /// What happened, in one sentence.
    public var summary: String {
        let where_ = host ?? "the org"
        switch kind {
        case .tokenRejected:
            return "Okta rejected the API token (E0000011)."
        case .permissionDenied:
            return "The token's admin lacks the permission for this (\(errorCode ?? "403"))."
        case .notFound:
            return "Okta says the resource does not exist (\(errorCode ?? "404"))."
        case .rateLimited:
            return "Okta kept answering 'too many requests' (429) after several waits."
        case .serverError:
            return "Okta kept failing with server errors (HTTP \(httpStatus ?? 500))."
        case .apiError:
            return "Okta refused the request (\(errorCode ?? "HTTP \(httpStatus ?? 0)"))"
                + (errorSummary.map { ": \($0)" } ?? ".")
        case .notAnOktaOrg:
            return "\(where_) answered, but not like an Okta org"
                + (httpStatus.map { " (HTTP \($0), not Okta's JSON)." } ?? ".")
        case .malformedResponse:
            return "Okta's answer from \(where_) was cut off or unreadable, even after retries."
        case .cannotResolveHost:
            return "Cannot resolve \(where_): no such host name in DNS."
        case .connectionRefused:
            return "\(where_) refused the connection."
        case .tlsFailure:
            return "The secure (TLS) connection to \(where_) failed."
        case .timedOut:
            return "\(where_) did not answer in time."
        case .connectionLost:
            return "The connection to \(where_) kept dropping."
        case .offline:
            return "This machine has no network connection."
        case .paginationLoop:
            return "Okta kept returning the same page of results, so the listing was stopped."
        case .cancelled:
            return "Cancelled."
        case .transport:
            return "The request to \(where_) failed" + (detail.map { ": \($0)." } ?? ".")
        }
    }

    /// What to do about it.
    public var nextStep: String {
        switch kind {
        case .tokenRejected:
            return "It may have been mistyped or copied incompletely, expired after 30 days "
                + "without use, been revoked, or its admin was deactivated. Create a new token "
                + "and reconnect (Reconnect in the app, or okta-connect connect)."
        case .permissionDenied:
            return "Create the token as an admin who can read users and the org (Super Admin, "
                + "or Read-Only Admin), then Reconnect."
        case .notFound:
            return "Check the address and try again."
        case .rateLimited:
            return "Other integrations may be using the same limit. Wait a minute and retry, "
                + "or lower --rate-limit-share."
        case .serverError, .malformedResponse:
            return "Okta may be having trouble; check status.okta.com and retry later."
        case .apiError:
            return "Retry; if it persists, contact Okta support with the request id."
        case .notAnOktaOrg:
            return "This is not an Okta org URL. Check the domain (e.g. acme.okta.com)."
        case .cannotResolveHost:
            return "Check the spelling of the domain (e.g. acme.okta.com, acme.okta-emea.com) "
                + "and your DNS."
        case .connectionRefused:
            return "Check the domain and port, and any proxy or firewall in between."
        case .tlsFailure:
            return "A proxy may be intercepting https, or the certificate is wrong. Check the "
                + "domain; if you use a custom domain, check its certificate."
        case .timedOut, .connectionLost, .offline, .transport:
            return "Check your network connection and retry."
        case .paginationLoop:
            return "Retry later; if it persists, contact Okta support with the request id."
        case .cancelled:
            return ""
        }
    }

    /// The full message for the user: what happened, what to do, and the request id.
    public var description: String {
        var text = summary
        if !nextStep.isEmpty { text += " " + nextStep }
        if let requestId { text += " (Okta request id: \(requestId))" }
        return text
    }
}

/// The exit statuses of the commands, as README documents them.
public enum ExitStatus: Int32, Sendable {
    case ok = 0
    case failure = 1
    case usage = 2
    case notConnected = 3
    case tokenRejected = 4
    case permissionMissing = 5
    case orgUnreachable = 6
    case oktaKeptFailing = 7
}
