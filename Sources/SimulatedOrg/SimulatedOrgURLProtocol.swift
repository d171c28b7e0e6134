import Foundation
import OktaCore

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Answers URLSession requests in-process from the `SimulatedOrg` registered for their host, so
/// that the client runs its real URLSession code path against the simulated org.
///
/// A request for a host with no registered org fails with `URLError(.cannotFindHost)`, exactly
/// what a mistyped domain gives, and never reaches the real network. Latency is a delayed answer
/// on a dispatch queue (no thread is blocked), and `stopLoading` cancels it. Foundation's
/// `HTTPURLResponse` holds one value per header name, so duplicate `Link` fields arrive joined
/// with `", "` as FoundationNetworking also delivers them from a real server.
public final class SimulatedOrgURLProtocol: URLProtocol {
    private static let registry = Locked<[String: SimulatedOrg]>([:])
    private static let queue = DispatchQueue(
        label: "SimulatedOrgURLProtocol", attributes: .concurrent)
    private let cancelled = Locked(false)

    /// Makes `org` answer requests for `host` (replacing an earlier org for that host).
    public static func register(_ org: SimulatedOrg, host: String) {
        registry.withLock { $0[host.lowercased()] = org }
    }

    /// Stops answering for `host`; its requests then fail as an unknown host.
    public static func unregister(host: String) {
        _ = registry.withLock { $0.removeValue(forKey: host.lowercased()) }
    }

    /// The org registered for `host`, if any.
    public static func org(forHost host: String) -> SimulatedOrg? {
        registry.withLock { $0[host.lowercased()] }
    }

    override public class func canInit(with request: URLRequest) -> Bool {
        let scheme = request.url?.scheme?.lowercased()
        return scheme == "https" || scheme == "http"
    }

    override public class func canonicalRequest(for request: URLRequest) -> URLRequest {
        request
    }

    override public func startLoading() {
        guard let url = request.url, let org = Self.org(forHost: url.host ?? "") else {
            fail(URLError(.cannotFindHost), after: .zero)
            return
        }
        let headers = (request.allHTTPHeaderFields ?? [:]).map { (name: $0.key, value: $0.value) }
        let response = org.respond(
            to: SimulatedRequest(
                method: request.httpMethod ?? "GET", url: url, headerFields: headers))
        if response.dropsConnection {
            fail(URLError(.networkConnectionLost), after: response.delay)
            return
        }
        guard
            let httpResponse = HTTPURLResponse(
                url: url, statusCode: response.status, httpVersion: "HTTP/1.1",
                headerFields: response.joinedHeaderFields)
        else {
            fail(URLError(.badServerResponse), after: response.delay)
            return
        }
        let body = response.body
        deliver(after: response.delay) { client, loader in
            client.urlProtocol(loader, didReceive: httpResponse, cacheStoragePolicy: .notAllowed)
            client.urlProtocol(loader, didLoad: body)
            client.urlProtocolDidFinishLoading(loader)
        }
    }

    override public func stopLoading() {
        cancelled.withLock { $0 = true }
    }

    private func fail(_ error: URLError, after delay: Duration) {
        deliver(after: delay) { client, loader in
            client.urlProtocol(loader, didFailWithError: error)
        }
    }

    /// Carries the protocol instance to the delivery queue; URLProtocol is not Sendable, but
    /// its client callbacks are made to be called from any thread.
    private struct Handle: @unchecked Sendable {
        let loader: SimulatedOrgURLProtocol
    }

    private func deliver(
        after delay: Duration,
        _ body: @escaping @Sendable (URLProtocolClient, SimulatedOrgURLProtocol) -> Void
    ) {
        let handle = Handle(loader: self)
        let work: @Sendable () -> Void = {
            let loader = handle.loader
            guard !loader.cancelled.withLock({ $0 }), let client = loader.client else { return }
            body(client, loader)
        }
        if delay <= .zero {
            Self.queue.async(execute: work)
        } else {
            let (seconds, attoseconds) = delay.components
            let nanoseconds = Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000)
            Self.queue.asyncAfter(deadline: .now() + .nanoseconds(nanoseconds), execute: work)
        }
    }
}

extension SimulatedOrg {
    /// Registers this org for its host and returns an ephemeral URLSession configuration whose
    /// requests `SimulatedOrgURLProtocol` answers from this org.
    public func sessionConfiguration() -> URLSessionConfiguration {
        SimulatedOrgURLProtocol.register(self, host: configuration.host)
        let session = URLSessionConfiguration.ephemeral
        session.protocolClasses = [SimulatedOrgURLProtocol.self]
        return session
    }
}
