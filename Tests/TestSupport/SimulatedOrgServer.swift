import Foundation
import OktaCore
import SimulatedOrg

/// Serves a `SimulatedOrg` over real loopback HTTP, so the real `okta-connect` binary (or any
/// client) can `connect` to `http://127.0.0.1:PORT`.
///
/// The org writes its `Link` and `_links` URLs on the origin the request's `Host` header names,
/// so pagination stays on the loopback server. The org's latency is applied by the connection's
/// own thread; a dropped-connection failure closes the socket without an answer.
public final class SimulatedOrgServer: Sendable {
    public let org: SimulatedOrg
    public let server: LoopbackHTTPServer

    public init(org: SimulatedOrg) {
        self.org = org
        server = LoopbackHTTPServer { request in
            let host = request.value(forHeader: "Host") ?? "127.0.0.1"
            guard let url = URL(string: "http://\(host)\(request.target)") else {
                return .message(.json(400, "{}"))
            }
            let response = org.respond(
                to: SimulatedRequest(
                    method: request.method, url: url, headerFields: request.headerFields))
            if response.delay > .zero {
                let (seconds, attoseconds) = response.delay.components
                Thread.sleep(forTimeInterval: Double(seconds) + Double(attoseconds) / 1e18)
            }
            if response.dropsConnection { return .dropConnection }
            return .message(
                HTTPResponseMessage(
                    status: response.status, headerFields: response.headerFields,
                    body: response.body))
        }
    }

    /// Starts the loopback server.
    public func start() throws {
        try server.start()
    }

    /// Stops the loopback server and waits for its threads.
    public func stop() {
        server.stop()
    }

    /// `http://127.0.0.1:PORT`, the address to `connect` to.
    public var baseURL: URL { server.baseURL }

    public var port: UInt16 { server.port }
}
