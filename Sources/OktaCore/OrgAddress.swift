import Foundation

/// The address of an Okta org, normalised from whatever an admin pasted.
///
/// Admins paste bare subdomains (`acme`), hosts with stray capitals or spaces, browser URLs of the
/// admin console (`https://acme-admin.okta.com/admin/dashboard`) and custom domains. All of them
/// become one canonical https origin such as `https://acme.okta.com`. Plain http is accepted only
/// for loopback hosts, where the test servers and the simulated org run without TLS.
public struct OrgAddress: Sendable, Hashable, CustomStringConvertible {
    /// The canonical origin, e.g. `https://acme.okta.com` (no path, no trailing slash).
    public let origin: URL
    /// The lowercased host, e.g. `acme.okta.com`.
    public let host: String
    /// The Okta-hosted base domain (`okta.com`, `oktapreview.com`, …) or nil for a custom domain
    /// or a loopback address.
    public let oktaDomain: String?

    /// Domains on which Okta hosts orgs as `<subdomain>.<domain>`.
    public static let oktaHostedDomains = [
        "okta.com", "oktapreview.com", "okta-emea.com", "okta-gov.com", "okta.mil",
        "okta-miltest.com", "trex-govcloud.com",
    ]

    /// First path segments that Okta's own web pages use; a pasted browser URL with one of them
    /// still names the org. Any other path (an API path, an authorization server) is rejected.
    static let browserPathPrefixes: Set<String> = [
        "admin", "app", "enduser", "signin", "login", "home", "user",
    ]

    public var description: String { origin.absoluteString }

    /// True when the org is served from 127.0.0.0/8, ::1 or localhost (tests, the simulator).
    public var isLoopback: Bool { Self.isLoopbackHost(host) }

    /// True when the address is neither Okta-hosted nor loopback, e.g. `login.example.com`.
    public var isCustomDomain: Bool { oktaDomain == nil && !isLoopback }

    /// The org's subdomain (`acme` for `acme.okta.com`), nil for custom domains.
    public var subdomain: String? {
        guard let oktaDomain else { return nil }
        return String(host.dropLast(oktaDomain.count + 1))
    }

    /// The admin console origin, `https://acme-admin.okta.com`; nil when it cannot be derived
    /// (a custom domain does not reveal the org's Okta subdomain).
    public var adminConsoleURL: URL? {
        guard let subdomain, let oktaDomain else { return nil }
        return URL(string: "https://\(subdomain)-admin.\(oktaDomain)")
    }

    /// Where API tokens are created: `https://acme-admin.okta.com/admin/access/api/tokens`.
    public var apiTokensPageURL: URL? {
        adminConsoleURL?.appendingPathComponent("admin/access/api/tokens")
    }

    /// Says why the admin console URL is unknown, for screens and invitations.
    public var adminConsoleHint: String {
        if adminConsoleURL != nil { return "" }
        if isLoopback { return "This is a local test server; it has no admin console." }
        return "\(host) is a custom domain, so the admin console address cannot be derived. "
            + "Open your Okta admin console as usual (its host ends in -admin.okta.com)."
    }

    /// An absolute URL on this org for an API path such as `/api/v1/users`.
    public func url(path: String, query: [URLQueryItem] = []) -> URL {
        var components = URLComponents(url: origin, resolvingAgainstBaseURL: false)!
        components.path = path
        if !query.isEmpty {
            components.queryItems = query
            // URLComponents leaves `+` alone, which Okta would read as a space.
            components.percentEncodedQuery = components.percentEncodedQuery?
                .replacingOccurrences(of: "+", with: "%2B")
        }
        return components.url!
    }

    /// Normalises pasted input into an org address, or explains what is wrong with it.
    public init(parsing input: String) throws(OrgAddressError) {
        let text = input.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw .empty }
        if text.contains(where: { $0.isWhitespace }) { throw .innerWhitespace }
        if text.contains("{") || text.contains("}") || text.contains("<") || text.contains(">")
            || text.lowercased().contains("youroktadomain")
        {
            throw .placeholder
        }
        // "https://https://acme…" is a paste gone wrong; a URL in the query (the console's
        // `?iss=https://…` or `fromURI=`) is not.
        let beforeQuery = text.prefix { $0 != "?" && $0 != "#" }
        if beforeQuery.components(separatedBy: "://").count > 2 { throw .malformed(text) }

        let hasScheme = beforeQuery.contains("://")
        guard let parsed = URLComponents(string: hasScheme ? text : "https://" + text),
            let rawHost = parsed.host, !rawHost.isEmpty
        else { throw .malformed(text) }
        let scheme = (parsed.scheme ?? "https").lowercased()
        var host = rawHost.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        if host.hasSuffix(".") { host.removeLast() }

        if parsed.user != nil || parsed.password != nil { throw .malformed(text) }
        try Self.checkPath(parsed.path)

        let loopback = Self.isLoopbackHost(host)
        switch scheme {
        case "https": break
        case "http":
            guard loopback else { throw .insecureScheme(host) }
        default: throw .unsupportedScheme(scheme)
        }

        var oktaDomain: String?
        if !loopback {
            guard Self.isValidHostname(host) else { throw .invalidHost(host) }
            if host.hasSuffix(".com.com") { throw .doubledTopLevelDomain(host) }
            if !host.contains(".") { host += ".okta.com" }
            if let domain = Self.oktaHostedDomains.first(where: { host.hasSuffix("." + $0) }) {
                var subdomain = String(host.dropLast(domain.count + 1))
                guard !subdomain.contains(".") else { throw .notAnOrgHost(host, domain) }
                // Only a trailing `-admin` marks the admin console: `acme-administration` is a
                // legitimate org and must survive.
                if subdomain.hasSuffix("-admin") { subdomain.removeLast("-admin".count) }
                guard !subdomain.isEmpty else { throw .invalidHost(host) }
                host = subdomain + "." + domain
                oktaDomain = domain
            } else if Self.oktaHostedDomains.contains(host) {
                throw .missingSubdomain(host)
            }
        }

        var components = URLComponents()
        components.scheme = (loopback && !hasScheme) ? "http" : scheme
        components.host = host.contains(":") ? "[\(host)]" : host
        if let port = parsed.port {
            let isDefault =
                (components.scheme == "https" && port == 443)
                || (components.scheme == "http" && port == 80)
            components.port = isDefault ? nil : port
        }
        guard let origin = components.url else { throw .malformed(text) }
        self.origin = origin
        self.host = host
        self.oktaDomain = oktaDomain
    }

    /// True for 127.0.0.0/8, ::1 and localhost.
    public static func isLoopbackHost(_ host: String) -> Bool {
        let host = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        if host == "localhost" || host == "::1" { return true }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4, octets.first == "127" else { return false }
        return octets.allSatisfy { UInt8($0) != nil }
    }

    private static func checkPath(_ path: String) throws(OrgAddressError) {
        let segments = path.split(separator: "/")
        guard let first = segments.first else { return }
        guard browserPathPrefixes.contains(first.lowercased()) else {
            throw .pathNotAnOrg(path)
        }
    }

    private static func isValidHostname(_ host: String) -> Bool {
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        guard !labels.isEmpty, host.count <= 253 else { return false }
        return labels.allSatisfy { label in
            !label.isEmpty && label.count <= 63 && !label.hasPrefix("-") && !label.hasSuffix("-")
                && label.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "-" }
        }
    }
}

/// Why an org address was rejected; each message says what to type instead.
public enum OrgAddressError: Error, Sendable, Equatable, CustomStringConvertible {
    case empty
    case innerWhitespace
    case placeholder
    case malformed(String)
    case unsupportedScheme(String)
    case insecureScheme(String)
    case pathNotAnOrg(String)
    case invalidHost(String)
    case doubledTopLevelDomain(String)
    case missingSubdomain(String)
    case notAnOrgHost(String, String)

    public var description: String {
        switch self {
        case .empty:
            return "Enter your Okta org address, e.g. acme.okta.com."
        case .innerWhitespace:
            return "The org address contains a space. Enter it without spaces, e.g. acme.okta.com."
        case .placeholder:
            return "That is a placeholder from the documentation. Replace it with your org's "
                + "address, e.g. acme.okta.com."
        case .malformed(let text):
            return "\"\(text)\" is not a web address. Enter your org, e.g. acme.okta.com."
        case .unsupportedScheme(let scheme):
            return "Okta orgs are reached over https, not \(scheme)://. "
                + "Enter e.g. https://acme.okta.com."
        case .insecureScheme(let host):
            return "Okta requires https: use https://\(host). "
                + "(Plain http is allowed only for local test servers.)"
        case .pathNotAnOrg(let path):
            return "The address has a path (\(path)) that is not part of an org address. "
                + "Enter just the org, e.g. https://acme.okta.com."
        case .invalidHost(let host):
            return "\"\(host)\" is not a valid host name. Enter your org, e.g. acme.okta.com."
        case .doubledTopLevelDomain(let host):
            return "\"\(host)\" ends in .com.com, which looks like a typo. "
                + "Enter e.g. acme.okta.com."
        case .missingSubdomain(let host):
            return "\(host) is Okta's own site. Enter your org's subdomain, e.g. acme.\(host)."
        case .notAnOrgHost(let host, let domain):
            return "\(host) is not an org address: Okta org addresses have one name before "
                + ".\(domain), e.g. acme.\(domain)."
        }
    }
}
