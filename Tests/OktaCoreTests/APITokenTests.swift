import Foundation
import OktaCore
import Testing

@Suite("APIToken")
struct APITokenTests {
    static let secret = "00aBcD3fGhIjKlMnOpQrStUvWxYz_0123-456wXyZ"

    static let pasted: [String] = [
        secret,
        "  \(secret)  ",
        "\(secret)\n",
        "\r\n\t\(secret)\r\n",
        "SSWS \(secret)",
        "ssws \(secret)\n",
        "  SSWS   \(secret) ",
    ]

    @Test("surrounding whitespace and an SSWS prefix are dropped", arguments: pasted)
    func trims(_ input: String) throws {
        let token = try APIToken(parsing: input)
        #expect(token.secret == Self.secret)
        #expect(token.length == Self.secret.count)
    }

    static let rejected: [(input: String, error: APITokenError)] = [
        ("", .empty),
        (" \n\t ", .empty),
        ("SSWS ", .empty),
        ("00aBcD3f GhIjKlMnOp", .innerWhitespace),
        ("00aBcD3f\nGhIjKlMnOp", .innerWhitespace),
        ("00aBcD3f\tGhIjKlMnOp", .innerWhitespace),
        ("00aBcD3f\u{00A0}GhIjKlMnOp", .innerWhitespace),
        ("00aBcD3f\u{07}GhIjKlMnOp", .controlCharacters),
        ("00aBcD3f\u{1B}[0mGhIjKlMnOp", .controlCharacters),
        ("00aBcD3f\u{00}GhIjKlMnOp", .controlCharacters),
        ("{apiToken}", .placeholder),
        ("${OKTA_CLIENT_TOKEN}", .placeholder),
        ("<token>", .placeholder),
        ("YOUR_TOKEN", .placeholder),
        ("apitoken", .placeholder),
        ("token", .placeholder),
        ("00aBcD3fGhIjKlMnOp\u{00E9}", .nonASCII),
    ]

    @Test("unusable input is rejected with its reason", arguments: rejected)
    func rejects(_ example: (input: String, error: APITokenError)) {
        #expect(throws: example.error) { try APIToken(parsing: example.input) }
    }

    @Test func masked_shows_only_the_last_four() throws {
        let token = try APIToken(parsing: Self.secret)
        #expect(token.lastFour == "wXyZ")
        #expect(token.masked == "••••••••wXyZ")
        #expect(!token.masked.contains(String(Self.secret.dropLast(4).suffix(4))))
    }

    @Test func short_token_reveals_nothing() throws {
        let token = try APIToken(parsing: "abcdefgh")
        #expect(token.lastFour == "")
        #expect(!token.masked.contains("efgh"))
    }

    @Test func no_rendering_contains_the_secret() throws {
        let token = try APIToken(parsing: Self.secret)
        var dumped = ""
        dump(token, to: &dumped)
        var dumpedNested = ""
        dump(["connection": [token]], to: &dumpedNested)
        var printed = ""
        print(token, to: &printed)
        var debugPrinted = ""
        debugPrint(token, to: &debugPrinted)
        let renderings = [
            "\(token)", String(describing: token), String(reflecting: token),
            token.description, token.debugDescription, dumped, dumpedNested, printed,
            debugPrinted, "\([token])", "\(Optional(token) as Any)", "\((token, 1))",
            Mirror(reflecting: token).children.map { "\($0.label ?? ""): \($0.value)" }
                .joined(),
        ]
        for text in renderings {
            #expect(!text.contains(Self.secret), "leaked in \(text.debugDescription)")
            #expect(!text.contains(String(Self.secret.prefix(8))))
        }
        #expect(dumped.contains("wXyZ"))
    }

    @Test func errors_never_echo_the_input() {
        let attempt = "00aBcD3f GhIjKlMnOpQrSt"
        do {
            _ = try APIToken(parsing: attempt)
            Issue.record("accepted a token with a space")
        } catch {
            #expect(!error.description.contains("GhIjKl"))
            #expect(!"\(error)".contains("00aBcD3f"))
        }
    }
}
