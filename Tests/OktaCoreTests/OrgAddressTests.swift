import Foundation
import OktaCore
import Testing

@Suite("OrgAddress")
struct OrgAddressTests {
    /// Every form issue 2 lists, with the origin it must normalise to.
    static let accepted: [(input: String, origin: String)] = [
        ("acme", "https://acme.okta.com"),
        ("acme.okta.com", "https://acme.okta.com"),
        ("ACME.okta.com ", "https://acme.okta.com"),
        ("  \tacme.okta.com\n", "https://acme.okta.com"),
        ("https://acme.okta.com/", "https://acme.okta.com"),
        ("https://acme.okta.com", "https://acme.okta.com"),
        ("HTTPS://Acme.Okta.Com:443/", "https://acme.okta.com"),
        ("https://acme-admin.okta.com/admin/dashboard", "https://acme.okta.com"),
        ("acme-admin.okta.com", "https://acme.okta.com"),
        ("acme-admin", "https://acme.okta.com"),
        ("acme-administration.okta.com", "https://acme-administration.okta.com"),
        ("https://acme.okta.com/app/UserHome", "https://acme.okta.com"),
        (
            "https://acme-admin.okta.com/admin/dashboard?iss=https://acme.okta.com",
            "https://acme.okta.com"
        ),
        (
            "https://acme.okta.com/login/login.htm?fromURI=https://x.test/#a",
            "https://acme.okta.com"
        ),
        ("acme-admin.okta.com/admin/dashboard?iss=https://acme.okta.com", "https://acme.okta.com"),
        ("acme.okta.com/login/login.htm?fromURI=https://x.test/", "https://acme.okta.com"),
        ("acme.okta.com.", "https://acme.okta.com"),
        ("acme.oktapreview.com", "https://acme.oktapreview.com"),
        (
            "https://acme-admin.oktapreview.com/admin/access/api/tokens",
            "https://acme.oktapreview.com"
        ),
        ("acme.okta-emea.com", "https://acme.okta-emea.com"),
        ("acme.okta-gov.com", "https://acme.okta-gov.com"),
        ("acme.okta.mil", "https://acme.okta.mil"),
        ("dev-123456.okta.com", "https://dev-123456.okta.com"),
        ("login.example.com", "https://login.example.com"),
        ("https://login.example.com/", "https://login.example.com"),
        ("https://login.example.com:8443", "https://login.example.com:8443"),
        ("http://127.0.0.1:8080", "http://127.0.0.1:8080"),
        ("http://127.0.0.1:8080/", "http://127.0.0.1:8080"),
        ("127.0.0.1:8080", "http://127.0.0.1:8080"),
        ("http://127.42.0.7:9000", "http://127.42.0.7:9000"),
        ("http://localhost:8080", "http://localhost:8080"),
        ("http://LOCALHOST:8080", "http://localhost:8080"),
        ("http://[::1]:8080", "http://[::1]:8080"),
    ]

    @Test("accepted forms normalise to one origin", arguments: accepted)
    func acceptedForm(_ example: (input: String, origin: String)) throws {
        let address = try OrgAddress(parsing: example.input)
        #expect(address.origin.absoluteString == example.origin)
        #expect(address.description == example.origin)
    }

    @Test func okta_hosted_parts() throws {
        let address = try OrgAddress(parsing: "https://acme-admin.okta.com/admin/dashboard")
        #expect(address.host == "acme.okta.com")
        #expect(address.subdomain == "acme")
        #expect(address.oktaDomain == "okta.com")
        #expect(!address.isLoopback)
        #expect(!address.isCustomDomain)
        #expect(address.adminConsoleURL?.absoluteString == "https://acme-admin.okta.com")
        #expect(address.adminConsoleHint.isEmpty)
    }

    static let tokenPages: [(input: String, page: String)] = [
        ("acme", "https://acme-admin.okta.com/admin/access/api/tokens"),
        (
            "https://acme-admin.okta.com/admin/dashboard",
            "https://acme-admin.okta.com/admin/access/api/tokens"
        ),
        (
            "acme-administration.okta.com",
            "https://acme-administration-admin.okta.com/admin/access/api/tokens"
        ),
        ("acme.oktapreview.com", "https://acme-admin.oktapreview.com/admin/access/api/tokens"),
        ("acme.okta-emea.com", "https://acme-admin.okta-emea.com/admin/access/api/tokens"),
        ("acme.okta-gov.com", "https://acme-admin.okta-gov.com/admin/access/api/tokens"),
        ("acme.okta.mil", "https://acme-admin.okta.mil/admin/access/api/tokens"),
    ]

    @Test("API tokens page is derived for Okta-hosted orgs", arguments: tokenPages)
    func tokenPage(_ example: (input: String, page: String)) throws {
        let address = try OrgAddress(parsing: example.input)
        #expect(address.apiTokensPageURL?.absoluteString == example.page)
    }

    @Test(arguments: ["login.example.com", "https://login.example.com/"])
    func custom_domain_cannot_derive_token_page(_ input: String) throws {
        let address = try OrgAddress(parsing: input)
        #expect(address.isCustomDomain)
        #expect(address.host == "login.example.com")
        #expect(address.subdomain == nil)
        #expect(address.adminConsoleURL == nil)
        #expect(address.apiTokensPageURL == nil)
        #expect(address.adminConsoleHint.contains("cannot be derived"))
        #expect(address.adminConsoleHint.contains("login.example.com"))
    }

    @Test(arguments: ["http://127.0.0.1:8080", "http://localhost:9", "http://[::1]:8080"])
    func loopback_has_no_console(_ input: String) throws {
        let address = try OrgAddress(parsing: input)
        #expect(address.isLoopback)
        #expect(!address.isCustomDomain)
        #expect(address.apiTokensPageURL == nil)
        #expect(address.adminConsoleHint.contains("local test server"))
    }

    static let rejected: [(input: String, error: OrgAddressError)] = [
        ("", .empty),
        ("   \n\t", .empty),
        ("acme okta.com", .innerWhitespace),
        ("https://acme.okta.com/admin dashboard", .innerWhitespace),
        ("{yourOktaDomain}", .placeholder),
        ("https://{yourOktaDomain}/", .placeholder),
        ("https://{{yourOktaDomain}}", .placeholder),
        ("yourOktaDomain.okta.com", .placeholder),
        ("<your-org>.okta.com", .placeholder),
        ("acme.okta.com.com", .doubledTopLevelDomain("acme.okta.com.com")),
        ("https://acme.okta.com.com/", .doubledTopLevelDomain("acme.okta.com.com")),
        ("https://acme.okta.com/api/v1/users", .pathNotAnOrg("/api/v1/users")),
        ("https://acme.okta.com/oauth2/default", .pathNotAnOrg("/oauth2/default")),
        ("acme.okta.com/api/v1/users", .pathNotAnOrg("/api/v1/users")),
        ("http://acme.okta.com", .insecureScheme("acme.okta.com")),
        ("http://login.example.com/", .insecureScheme("login.example.com")),
        ("http://127.0.0.1.example.com:80", .insecureScheme("127.0.0.1.example.com")),
        ("http://localhost.example.com", .insecureScheme("localhost.example.com")),
        ("ftp://acme.okta.com", .unsupportedScheme("ftp")),
        ("okta.com", .missingSubdomain("okta.com")),
        ("https://oktapreview.com", .missingSubdomain("oktapreview.com")),
        ("a.b.okta.com", .notAnOrgHost("a.b.okta.com", "okta.com")),
        ("https://https://acme.okta.com", .malformed("https://https://acme.okta.com")),
        ("acme_corp.okta.com", .invalidHost("acme_corp.okta.com")),
        ("-acme.okta.com", .invalidHost("-acme.okta.com")),
        ("https://user:pw@acme.okta.com", .malformed("https://user:pw@acme.okta.com")),
    ]

    @Test("rejected input gets its specific error", arguments: rejected)
    func rejectedForm(_ example: (input: String, error: OrgAddressError)) {
        #expect(throws: example.error) { try OrgAddress(parsing: example.input) }
    }

    @Test(arguments: [
        OrgAddressError.empty, .innerWhitespace, .placeholder, .malformed("x"),
        .unsupportedScheme("ftp"), .insecureScheme("a.com"), .pathNotAnOrg("/x"),
        .invalidHost("a_b"), .doubledTopLevelDomain("a.com.com"), .missingSubdomain("okta.com"),
        .notAnOrgHost("a.b.okta.com", "okta.com"),
    ])
    func every_rejection_suggests_what_to_type(_ error: OrgAddressError) {
        #expect(error.description.contains("e.g.") || error.description.contains("https://"))
    }

    @Test func loopback_detection() {
        #expect(OrgAddress.isLoopbackHost("127.0.0.1"))
        #expect(OrgAddress.isLoopbackHost("127.255.255.254"))
        #expect(OrgAddress.isLoopbackHost("localhost"))
        #expect(OrgAddress.isLoopbackHost("[::1]"))
        #expect(!OrgAddress.isLoopbackHost("128.0.0.1"))
        #expect(!OrgAddress.isLoopbackHost("127.0.0.256"))
        #expect(!OrgAddress.isLoopbackHost("127.0.0.1.nip.io"))
        #expect(!OrgAddress.isLoopbackHost("localhost.localdomain.example"))
    }

    @Test func api_urls_encode_query_values_for_okta() throws {
        let address = try OrgAddress(parsing: "acme")
        let url = address.url(
            path: "/api/v1/users",
            query: [
                URLQueryItem(name: "limit", value: "200"),
                URLQueryItem(name: "filter", value: "profile.login eq \"a+b@example.com\""),
            ])
        #expect(
            url.absoluteString
                == "https://acme.okta.com/api/v1/users?limit=200"
                + "&filter=profile.login%20eq%20%22a%2Bb@example.com%22")
        #expect(
            address.url(path: "/api/v1/org").absoluteString == "https://acme.okta.com/api/v1/org")
    }
}
