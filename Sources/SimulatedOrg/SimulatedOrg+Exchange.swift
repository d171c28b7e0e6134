import Foundation
import OktaCore

extension SimulatedOrg {
    /// Builds the answers to one request: Okta's headers, JSON and error bodies, HTML pages.
    struct Exchange {
        let org: SimulatedOrg
        let now: Date
        let serial: UInt64
        let origin: String
        let rate: RateHeaders

        /// 32 hex digits, unique per request, like today's `X-Okta-Request-Id`.
        var requestID: String {
            DeterministicHash.hex32(
                DeterministicHash.mix(org.requestSalt ^ serial),
                DeterministicHash.mix(serial &+ 0x5EED))
        }

        /// `oae` + 22 characters, like Okta's `errorId`.
        var errorID: String {
            "oae" + DeterministicHash.alphanumerics(DeterministicHash.mix(serial ^ 0xE4), count: 22)
        }

        func headers(
            contentType: String, links: [String] = [], oktaHeaders: Bool = true,
            rateHeaders: Bool = true
        ) -> [(name: String, value: String)] {
            var fields: [(name: String, value: String)] = [
                ("Date", OktaDate.formatHTTPDate(now)), ("Content-Type", contentType),
            ]
            fields += links.map { ("Link", $0) }
            guard oktaHeaders else { return fields }
            fields.append(("Cache-Control", "no-cache, no-store"))
            fields.append(("X-Okta-Request-Id", requestID))
            if rateHeaders {
                fields += [
                    ("X-Rate-Limit-Limit", String(rate.limit)),
                    ("X-Rate-Limit-Remaining", String(rate.remaining)),
                    ("X-Rate-Limit-Reset", String(rate.reset)),
                ]
            }
            return fields
        }

        func json(_ status: Int, _ body: Data, links: [String] = []) -> SimulatedResponse {
            SimulatedResponse(
                status: status,
                headerFields: headers(contentType: "application/json", links: links),
                body: body)
        }

        /// An Okta error body exactly as `okta-api.md` §4 shows it.
        func error(_ status: Int, _ code: String, _ summary: String, rateHeaders: Bool = true)
            -> SimulatedResponse
        {
            var json = JSONWriter()
            json.raw("{\"errorCode\":")
            json.string(code)
            json.raw(",\"errorSummary\":")
            json.string(summary)
            json.raw(",\"errorLink\":")
            json.string(code)
            json.raw(",\"errorId\":")
            json.string(errorID)
            json.raw(",\"errorCauses\":[]}")
            return SimulatedResponse(
                status: status,
                headerFields: headers(contentType: "application/json", rateHeaders: rateHeaders),
                body: json.data)
        }

        func forbidden() -> SimulatedResponse {
            error(403, "E0000006", "You do not have permission to perform the requested action")
        }

        func html(status: Int, _ page: String, oktaHeaders: Bool) -> SimulatedResponse {
            SimulatedResponse(
                status: status,
                headerFields: headers(
                    contentType: "text/html;charset=utf-8", oktaHeaders: oktaHeaders),
                body: Data(page.utf8))
        }

        func failure(_ failure: TransientFailure) -> SimulatedResponse {
            switch failure {
            case .internalServerError:
                return error(500, "E0000009", "Internal Server Error")
            case .serviceUnavailable:
                return error(503, "E0000010", "Service is in read only mode")
            case .gatewayTimeout:
                return error(504, "E0000009", "Internal Server Error", rateHeaders: false)
            case .badGateway:
                return html(status: 502, SimulatedOrg.badGatewayPage, oktaHeaders: false)
            case .droppedConnection:
                return SimulatedResponse(
                    status: 0, headerFields: [], body: Data(), dropsConnection: true)
            }
        }
    }
}
