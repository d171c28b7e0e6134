import Foundation
import OktaCore
import Testing

@Suite("OktaError")
struct OktaErrorTests {
    static let byCode:
        [(status: Int, code: String?, kind: OktaError.Kind, exit: OktaCore.ExitStatus)] = [
            (401, "E0000011", .tokenRejected, .tokenRejected),
            (403, "E0000006", .permissionDenied, .permissionMissing),
            (401, "E0000015", .permissionDenied, .permissionMissing),
            (403, "E0000015", .permissionDenied, .permissionMissing),
            (404, "E0000007", .notFound, .failure),
            (429, "E0000047", .rateLimited, .oktaKeptFailing),
            (400, "E0000031", .apiError, .failure),
            (401, "E0000004", .apiError, .failure),
            (500, "E0000009", .serverError, .oktaKeptFailing),
            (503, "E0000010", .serverError, .oktaKeptFailing),
            (500, nil, .serverError, .oktaKeptFailing),
            (502, nil, .serverError, .oktaKeptFailing),
            (429, nil, .rateLimited, .oktaKeptFailing),
            (404, nil, .notAnOktaOrg, .orgUnreachable),
            (200, nil, .notAnOktaOrg, .orgUnreachable),
            (401, nil, .notAnOktaOrg, .orgUnreachable),
        ]

    @Test("classification by errorCode and status", arguments: byCode)
    func classify(
        _ example: (status: Int, code: String?, kind: OktaError.Kind, exit: OktaCore.ExitStatus)
    ) {
        let error = OktaError.classify(
            status: example.status, errorCode: example.code,
            errorSummary: "Invalid token provided", requestId: "YHcZrC3zPh9VvS2QQz5FCAAADOI",
            host: "acme.okta.com")
        #expect(error.kind == example.kind)
        #expect(error.exitStatus == example.exit)
        #expect(error.httpStatus == example.status)
        #expect(error.description.contains("YHcZrC3zPh9VvS2QQz5FCAAADOI"))
    }

    @Test func summary_text_never_decides() {
        let misleading = OktaError.classify(
            status: 401, errorCode: "E0000015", errorSummary: "Invalid token provided",
            requestId: nil, host: nil)
        #expect(misleading.kind == .permissionDenied)
        let quiet = OktaError.classify(
            status: 401, errorCode: "E0000011", errorSummary: "You do not have permission",
            requestId: nil, host: nil)
        #expect(quiet.kind == .tokenRejected)
    }

    static let transportKinds: [(OktaError.Kind, OktaCore.ExitStatus)] = [
        (.notAnOktaOrg, .orgUnreachable), (.cannotResolveHost, .orgUnreachable),
        (.connectionRefused, .orgUnreachable), (.tlsFailure, .orgUnreachable),
        (.timedOut, .orgUnreachable), (.connectionLost, .orgUnreachable),
        (.offline, .orgUnreachable), (.transport, .orgUnreachable),
        (.malformedResponse, .oktaKeptFailing), (.paginationLoop, .oktaKeptFailing),
        (.cancelled, .failure),
    ]

    @Test("every kind has an exit status and advice", arguments: transportKinds)
    func exitAndAdvice(_ example: (OktaError.Kind, OktaCore.ExitStatus)) {
        let error = OktaError(example.0, requestId: "rid-42", host: "acme.okta.com")
        #expect(error.exitStatus == example.1)
        #expect(!error.summary.isEmpty)
        #expect(error.description.contains("rid-42"))
        if example.0 != .cancelled { #expect(!error.nextStep.isEmpty) }
    }

    @Test func distinct_diagnoses_for_unreachable_orgs() {
        let host = "acme.okta-emea.com"
        let texts = [
            OktaError(.cannotResolveHost, host: host), OktaError(.connectionRefused, host: host),
            OktaError(.tlsFailure, host: host), OktaError(.timedOut, host: host),
            OktaError(.notAnOktaOrg, httpStatus: 200, host: host),
        ].map(\.summary)
        #expect(Set(texts).count == texts.count)
        #expect(texts[0].contains("resolve"))
        #expect(texts.allSatisfy { $0.contains(host) })
        #expect(OktaError(.notAnOktaOrg).nextStep.contains("not an Okta org"))
    }

    @Test func token_rejected_says_reconnect() {
        let error = OktaError.classify(
            status: 401, errorCode: "E0000011", errorSummary: nil, requestId: "r1", host: nil)
        #expect(error.description.contains("Reconnect"))
        #expect(error.description.contains("30 days"))
    }
}
