import Foundation
import OktaCore
import Testing
import UserStore

@testable import TerminalUI

/// The browser's views rendered as text at 80×24 and 120×40, compared with what a person sees:
/// CJK and right-to-left names aligned, a hostile name shown neutralised, an empty store.
@Suite struct BrowserRenderTests {
    typealias F = BrowserFixtures

    /// The table, detail and utilization views of the ten fixture users at one size.
    static func views(columns: Int, rows: Int) throws
        -> (table: String, detail: String, utilization: String)
    {
        let (store, directory) = try F.store(F.people)
        defer { directory.remove() }
        var state = F.app(store, directory: directory, columns: columns, rows: rows)
        let table = state.render().text
        F.press([.enter], in: &state)
        let detail = state.render().text
        F.press([.escape, .character("u")], in: &state)
        return (table, detail, state.render().text)
    }

    static func emptyViews(columns: Int, rows: Int) throws -> (table: String, utilization: String) {
        let (store, directory) = try F.store([])
        defer { directory.remove() }
        var state = F.app(store, directory: directory, columns: columns, rows: rows)
        let table = state.render().text
        F.press([.character("u")], in: &state)
        return (table, state.render().text)
    }

    @Test func tableDetailAndUtilizationAt80x24() throws {
        let views = try Self.views(columns: 80, rows: 24)
        #expect(views.table == Self.table80)
        #expect(views.detail == Self.detail80)
        #expect(views.utilization == Self.utilization80)
    }

    @Test func emptyStoreAt80x24() throws {
        let views = try Self.emptyViews(columns: 80, rows: 24)
        #expect(views.table == Self.empty80)
        #expect(views.utilization == Self.emptyUtilization80)
    }

    @Test func tableDetailAndUtilizationAt120x40() throws {
        let views = try Self.views(columns: 120, rows: 40)
        #expect(views.table == Self.table120)
        #expect(views.detail == Self.detail120)
        #expect(views.utilization == Self.utilization120)
    }

    @Test func emptyStoreAt120x40() throws {
        let views = try Self.emptyViews(columns: 120, rows: 40)
        #expect(views.table == Self.empty120)
        #expect(views.utilization == Self.emptyUtilization120)
    }

    /// On a short terminal the charts scroll with the selected bar, and the last row says
    /// which way the hidden lines are.
    @Test func chartsThatDoNotFitSayWhereTheRestIs() throws {
        let (store, directory) = try F.store(F.people)
        defer { directory.remove() }
        var state = F.app(store, directory: directory, columns: 80, rows: 18)
        F.press([.character("u")], in: &state)
        var text = state.render().text
        #expect(text.contains("Users by status"))
        #expect(text.contains("↓ more below"))
        #expect(!text.contains("License seats"))

        F.press(Array(repeating: .down, count: 10), in: &state)
        text = state.render().text
        #expect(text.contains("› over 90 d ago"))
        #expect(text.contains("↑↓ more above and below"))

        F.press([.end], in: &state)
        text = state.render().text
        #expect(text.contains("› not used in 90 d"))
        #expect(text.contains("↑ more above"))
        #expect(!text.contains("Users by status"))
        F.press([.character("g")], in: &state)
        #expect(state.render().text.contains("› ACTIVE"))
    }

    @Test func hostileNameNeverReachesTheTerminalRaw() throws {
        for (columns, rows) in [(80, 24), (120, 40)] {
            let (store, directory) = try F.store(F.people)
            defer { directory.remove() }
            var state = F.app(store, directory: directory, columns: columns, rows: rows)
            F.press([.down, .down, .down, .down], in: &state)
            let table = state.render()
            F.press([.enter], in: &state)
            for canvas in [table, state.render()] {
                let scalars = canvas.cells.joined().flatMap { $0.text.unicodeScalars }
                #expect(!scalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
                #expect(canvas.text.contains("Eve␛[2J"))
            }
        }
    }

    @Test func wideAndRightToLeftNamesKeepTheColumnsAligned() throws {
        let (store, directory) = try F.store(F.people)
        defer { directory.remove() }
        let state = F.app(store, directory: directory, columns: 120, rows: 40)
        let canvas = state.render()
        let header = canvas.cells[2]
        let statusColumn = try #require(
            (0..<canvas.columns - 1).first { header[$0].text == "S" && header[$0 + 1].text == "t" })
        for row in 3..<13 {
            let cells = canvas.cells[row]
            #expect(cells[statusColumn - 1].text == " ")
            #expect(cells[statusColumn].text != " ", "row \(row)")
        }
    }

    static let table80 =
        """
         Users · 1 of 10                                                   okta-connect
        ────────────────────────────────────────────────────────────────────────────────
          Name ↑          Login / email           Status       Last login   Created
          Alice Anderson  alice.anderson@acme.com ACTIVE       3 d ago      2023-12-10
          Bob Brown       bob.brown@acme.com      SUSPENDED    45 d ago     2025-04-23
          Carol Chen      carol.chen@acme.com     DEPROVISION… 13 mo ago    2025-04-23
          Dave Diaz       dave.diaz@acme.com      ACTIVE       1 d ago      2025-04-23
          Eve␛[2J␛]0;pwn… eve␛[31m@acme.com       ACTIVE       10 d ago     2025-04-23
          Frank Fischer   frank.fischer@acme.com  RECOVERY     3 mo ago     2025-04-23
          Zoë Zimmermann… zoe.zimmermann-wolkens… LOCKED_OUT   6 mo ago     2025-04-23
          דנה כהן         dana.cohen@acme.com     STAGED       never        2025-04-23
          محمد العتيبي    mohammed.alotaibi@acme… PASSWORD_EX… 4 mo ago     2025-04-23
          美咲 佐藤       misaki.sato@acme.com    ACTIVE       4 h ago      2026-04-28







          Last sync 3 h ago · 10 users in the local store
        ────────────────────────────────────────────────────────────────────────────────

         Enter detail  / filter  f status  1-5 sort  u usage  e export  s sync  ? help
        """

    static let detail80 =
        """
         Users › Alice Anderson                                            okta-connect
        ────────────────────────────────────────────────────────────────────────────────
          Status             ACTIVE
          Okta id            00u00000000000001
          Login              alice.anderson@acme.com
          Email              alice.anderson@acme.com
          Name               Alice Anderson

          Dates
          Created            2023-12-10 20:26 UTC  (2 y ago)
          Activated          2023-12-11 20:26 UTC  (2 y ago)
          Status changed     2023-12-11 20:26 UTC  (2 y ago)
          Last login         2026-05-25 20:26 UTC  (3 d ago)
          Last updated       2026-05-26 20:26 UTC  (2 d ago)
          Password changed   2026-02-17 20:26 UTC  (3 mo ago)
          First synced       2026-05-28 17:26 UTC  (3 h ago)
          Last synced        2026-05-28 17:26 UTC  (3 h ago)

          Profile
          bio                <b>bold</b> & <script>alert(1)</script>
          Last sync 3 h ago · user 1 of 10 · lines 1–18 of 30
        ────────────────────────────────────────────────────────────────────────────────

         Esc back  ? help
        """

    static let utilization80 =
        """
         Users · utilization · 10 users                                    okta-connect
        ────────────────────────────────────────────────────────────────────────────────
          Users by status
          › ACTIVE            █████████████░░░░░░░░░░░░░░░░░░░         4   40.0 %
            DEPROVISIONED     ███░░░░░░░░░░░░░░░░░░░░░░░░░░░░░         1   10.0 %
            LOCKED_OUT        ███░░░░░░░░░░░░░░░░░░░░░░░░░░░░░         1   10.0 %
            PASSWORD_EXPIRED  ███░░░░░░░░░░░░░░░░░░░░░░░░░░░░░         1   10.0 %
            RECOVERY          ███░░░░░░░░░░░░░░░░░░░░░░░░░░░░░         1   10.0 %
            STAGED            ███░░░░░░░░░░░░░░░░░░░░░░░░░░░░░         1   10.0 %
            SUSPENDED         ███░░░░░░░░░░░░░░░░░░░░░░░░░░░░░         1   10.0 %
          Last login
            within 7 d        ██████████░░░░░░░░░░░░░░░░░░░░░░         3   30.0 %
            7 to 30 d ago     ███░░░░░░░░░░░░░░░░░░░░░░░░░░░░░         1   10.0 %
            30 to 90 d ago    ███░░░░░░░░░░░░░░░░░░░░░░░░░░░░░         1   10.0 %
            over 90 d ago     █████████████░░░░░░░░░░░░░░░░░░░         4   40.0 %
            never             ███░░░░░░░░░░░░░░░░░░░░░░░░░░░░░         1   10.0 %
          License seats
            not used in 90 d  ██████████████░░░░░░░░░░░░░░░░░░         3   42.9 %
            of 7 users in ACTIVE, PASSWORD_EXPIRED, RECOVERY or LOCKED_OUT, which usu…

          Last sync 3 h ago
        ────────────────────────────────────────────────────────────────────────────────

         Enter show users  u usage  s sync  Esc back  ? help
        """

    static let empty80 =
        """
         Users · 0 of 0                                                    okta-connect
        ────────────────────────────────────────────────────────────────────────────────
          Name ↑          Login / email           Status       Last login   Created

            No users in the local store yet. Press s to sync now.















          Last sync never · 0 users in the local store
        ────────────────────────────────────────────────────────────────────────────────

         Enter detail  / filter  f status  1-5 sort  u usage  e export  s sync  ? help
        """

    static let emptyUtilization80 =
        """
         Users · utilization · 0 users                                     okta-connect
        ────────────────────────────────────────────────────────────────────────────────
          No users in the local store yet. Press s to sync now.

















          Last sync never
        ────────────────────────────────────────────────────────────────────────────────

         Enter show users  u usage  s sync  Esc back  ? help
        """

    static let table120 =
        """
         Users · 1 of 10                                                                                           okta-connect
        ────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────
          Name ↑                        Login / email                                 Status           Last login   Created
          Alice Anderson                alice.anderson@acme.com                       ACTIVE           3 d ago      2023-12-10
          Bob Brown                     bob.brown@acme.com                            SUSPENDED        45 d ago     2025-04-23
          Carol Chen                    carol.chen@acme.com                           DEPROVISIONED    13 mo ago    2025-04-23
          Dave Diaz                     dave.diaz@acme.com                            ACTIVE           1 d ago      2025-04-23
          Eve␛[2J␛]0;pwned␇ Evil        eve␛[31m@acme.com                             ACTIVE           10 d ago     2025-04-23
          Frank Fischer                 frank.fischer@acme.com                        RECOVERY         3 mo ago     2025-04-23
          Zoë Zimmermann-Wolkenstein-H… zoe.zimmermann-wolkenstein-hohenberg@subsidi… LOCKED_OUT       6 mo ago     2025-04-23
          דנה כהן                       dana.cohen@acme.com                           STAGED           never        2025-04-23
          محمد العتيبي                  mohammed.alotaibi@acme.com                    PASSWORD_EXPIRED 4 mo ago     2025-04-23
          美咲 佐藤                     misaki.sato@acme.com                          ACTIVE           4 h ago      2026-04-28























          Last sync 3 h ago · 10 users in the local store
        ────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────

         Enter detail  / filter  f status  1-5 sort  u usage  e export  s sync  i inactive  Esc back  ? help
        """

    static let detail120 =
        """
         Users › Alice Anderson                                                                                    okta-connect
        ────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────
          Status                ACTIVE
          Okta id               00u00000000000001
          Login                 alice.anderson@acme.com
          Email                 alice.anderson@acme.com
          Name                  Alice Anderson

          Dates
          Created               2023-12-10 20:26 UTC  (2 y ago)
          Activated             2023-12-11 20:26 UTC  (2 y ago)
          Status changed        2023-12-11 20:26 UTC  (2 y ago)
          Last login            2026-05-25 20:26 UTC  (3 d ago)
          Last updated          2026-05-26 20:26 UTC  (2 d ago)
          Password changed      2026-02-17 20:26 UTC  (3 mo ago)
          First synced          2026-05-28 17:26 UTC  (3 h ago)
          Last synced           2026-05-28 17:26 UTC  (3 h ago)

          Profile
          bio                   <b>bold</b> & <script>alert(1)</script>
          costCenter            4200
          department            Engineering
          email                 alice.anderson@acme.com
          entitlements
            -                   vpn
            -                   github
          firstName             Alice
          lastName              Anderson
          login                 alice.anderson@acme.com
          manager
            id                  00u0000000000009
            name                Bo




          Last sync 3 h ago · user 1 of 10 · lines 1–30 of 30
        ────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────

         Esc back  ? help
        """

    static let utilization120 =
        """
         Users · utilization · 10 users                                                                            okta-connect
        ────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────
          Users by status
          › ACTIVE                    ██████████████████████████░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░         4   40.0 %
            DEPROVISIONED             ██████░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░         1   10.0 %
            LOCKED_OUT                ██████░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░         1   10.0 %
            PASSWORD_EXPIRED          ██████░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░         1   10.0 %
            RECOVERY                  ██████░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░         1   10.0 %
            STAGED                    ██████░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░         1   10.0 %
            SUSPENDED                 ██████░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░         1   10.0 %

          Last login
            within 7 d                ███████████████████░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░         3   30.0 %
            7 to 30 d ago             ██████░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░         1   10.0 %
            30 to 90 d ago            ██████░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░         1   10.0 %
            over 90 d ago             ██████████████████████████░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░         4   40.0 %
            never                     ██████░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░         1   10.0 %

          License seats
            not used in 90 d          ███████████████████████████░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░         3   42.9 %
            of 7 users in ACTIVE, PASSWORD_EXPIRED, RECOVERY or LOCKED_OUT, which usually hold a seat















          Last sync 3 h ago
        ────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────

         Enter show users  u usage  s sync  Esc back  ? help
        """

    static let empty120 =
        """
         Users · 0 of 0                                                                                            okta-connect
        ────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────
          Name ↑                        Login / email                                 Status           Last login   Created

            No users in the local store yet. Press s to sync now.































          Last sync never · 0 users in the local store
        ────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────

         Enter detail  / filter  f status  1-5 sort  u usage  e export  s sync  i inactive  Esc back  ? help
        """

    static let emptyUtilization120 =
        """
         Users · utilization · 0 users                                                                             okta-connect
        ────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────
          No users in the local store yet. Press s to sync now.

































          Last sync never
        ────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────

         Enter show users  u usage  s sync  Esc back  ? help
        """
}
