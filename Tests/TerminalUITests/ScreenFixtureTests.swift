import TerminalUI
import Testing

/// Every setup screen rendered at 80×24 (the too-small one at 50×12) and compared with what a
/// person would see. A change to a screen shows up here as a readable text diff.
@Suite struct ScreenFixtureTests {
    @Test(arguments: ScreenFixtureCases.all.map(\.0))
    func screenMatchesItsFixture(name: String) throws {
        let state = try #require(ScreenFixtureCases.all.first { $0.0 == name }?.1)
        let expected = try #require(Self.fixtures[name])
        #expect(state.render().text == expected)
    }

    @Test func asciiFallbackDrawsTheSameLayoutInASCII() {
        let canvas = ScreenGallery.fresh().render(environment: .ascii).asciiOnly()
        #expect(canvas.text.contains("+- Okta connection ---"))
        #expect(canvas.text.allSatisfy { $0.isASCII })
    }

    static let fixtures: [String: String] = [
        "initiate": """
         Step 1 of 4 · Initiate                                            okta-connect
        ────────────────────────────────────────────────────────────────────────────────
          okta-connect reads the users of your Okta org with an API token, keeps them
          in a local database and shows them here. It never changes anything in Okta.

          ┌─ Okta connection ────────────────────────────────────────────────────┐
          │ State: Not connected                                                 │
          │                                                                      │
          │ [ Connect ]                                                          │
          └──────────────────────────────────────────────────────────────────────┘

          Not an Okta admin? [ Invite your admin ]









        ────────────────────────────────────────────────────────────────────────────────

         Tab next  Enter select  Esc back  q quit  ? help
        """,
        "initiateWithInvitation": """
         Step 1 of 4 · Initiate                                            okta-connect
        ────────────────────────────────────────────────────────────────────────────────
          okta-connect reads the users of your Okta org with an API token, keeps them
          in a local database and shows them here. It never changes anything in Okta.

          ┌─ Okta connection ────────────────────────────────────────────────────┐
          │ State: Not connected                                                 │
          │                                                                      │
          │ [ Connect ]                                                          │
          └──────────────────────────────────────────────────────────────────────┘

          Not an Okta admin? [ Invite your admin ]

            Invitation written to
            /home/ada/.local/share/okta-connect/invitation-for-okta-admin.txt
            Send it to your Okta admin; press c to copy it to the clipboard.





        ────────────────────────────────────────────────────────────────────────────────

         Tab next  Enter select  Esc back  c copy  q quit  ? help
        """,
        "logIn": """
         Step 2 of 4 · Log in to Okta                                      okta-connect
        ────────────────────────────────────────────────────────────────────────────────
          Sign in to your Okta admin console as an admin who may create API tokens. A
          token can do what its admin can:
          • Super Administrator: always allowed; the token can also change everything,
            so keep it safe.
          • Read-only Administrator: least privilege; the token can only read, which
            is all okta-connect needs.
          Your org may ask for SSO or MFA on the way in; that is expected.

          Org address (optional here)
          [acme                                            ]
            › https://acme.okta.com
          Admin console: https://acme-admin.okta.com

          [ Open admin console ]  [ Continue ]





        ────────────────────────────────────────────────────────────────────────────────

         Tab next  Enter select  Esc back  Ctrl-O open console  F1 help
        """,
        "enterToken": """
         Step 3 of 4 · Enter token and domain                              okta-connect
        ────────────────────────────────────────────────────────────────────────────────
          In the admin console open Security › API › Tokens › Create Token, name it
          e.g. "okta-connect" and copy the value: Okta shows it only once.
          Tokens page: https://acme-admin.okta.com/admin/access/api/tokens

          Org address
          [acme                                            ]
            › https://acme.okta.com
          API token
          [••••••••••••••••••••••••••••••••••••••••••      ]
            42 characters, ends in wXyZ
          [ Check and connect ]








        ────────────────────────────────────────────────────────────────────────────────

         Tab next  Enter select  Esc back  Ctrl-O open console  F1 help
        """,
        "checking": """
         Step 4 of 4 · Connection status                                   okta-connect
        ────────────────────────────────────────────────────────────────────────────────
          Checking https://acme.okta.com
           ✓ The address is an Okta org  0.12 s  acme.okta.com answers as an Okta org
           ⠋ The token is valid
           · The token may list users
           · Org details

          Esc cancels the check.












        ────────────────────────────────────────────────────────────────────────────────

         Esc cancel  Tab next  Enter select  q quit  ? help
        """,
        "connected": """
         Step 4 of 4 · Connection status                                   okta-connect
        ────────────────────────────────────────────────────────────────────────────────
          Checked https://acme.okta.com
           ✓ The address is an Okta org  0.12 s  acme.okta.com answers as an Okta org
           ✓ The token is valid          0.08 s  owned by admin@acme.com
           ✓ The token may list users    0.10 s  listing users works
           ! Org details                 0.05 s  no permission to read org settings

          Connected as admin@acme.com to Acme Corporation (acme.okta.com)
          Token last used just now
          Last sync: never · no users in the local store yet

          [ Sync now ]  [ Browse users ]  [ Reconnect ]  [ Disconnect ]








        ────────────────────────────────────────────────────────────────────────────────
         Connected.
         Tab next  Enter select  Esc back  s sync  b browse  q quit  ? help
        """,
        "tokenRejected": """
         Step 4 of 4 · Connection status                                   okta-connect
        ────────────────────────────────────────────────────────────────────────────────
          Checked https://acme.okta.com
           ✓ The address is an Okta org  0.12 s  acme.okta.com answers as an Okta org
           ✗ The token is valid          0.09 s  Okta rejected the token (E0000011)
           - The token may list users            Not run: an earlier check failed.
           - Org details                         Not run: an earlier check failed.

          Okta rejected the token (E0000011).
          It may have expired after 30 days without use, been revoked, or its admin
          was deactivated. Create a new token and choose Reconnect.
          Okta request id: XyZ123reqid

          [ Edit token and domain ]  [ Try again ]







        ────────────────────────────────────────────────────────────────────────────────

         Tab next  Enter select  Esc back  q quit  ? help
        """,
        "savedConnection": """
         Step 4 of 4 · Connection status                                   okta-connect
        ────────────────────────────────────────────────────────────────────────────────
          Connected as admin@acme.com to Acme Corporation (acme.okta.com)
          Last check: passed 2 h ago
          Token last used 2 h ago
          Last sync: 3 h ago · 2,500 users in the local store

          [ Sync now ]  [ Browse users ]  [ Reconnect ]  [ Disconnect ]













        ────────────────────────────────────────────────────────────────────────────────

         Tab next  Enter select  Esc back  s sync  b browse  q quit  ? help
        """,
        "syncing": """
         Step 4 of 4 · Connection status                                   okta-connect
        ────────────────────────────────────────────────────────────────────────────────
          Connected as admin@acme.com to Acme Corporation (acme.okta.com)
          Last check: passed 2 h ago
          Token last used 2 h ago
          Last sync: 3 h ago · 2,500 users in the local store

          Syncing    ██████░░░░░░░░ 1,200 users · 6 pages · 1 rate-limit wait (1.50 s)
          Esc cancels; users synced so far are kept.












        ────────────────────────────────────────────────────────────────────────────────

         Esc cancel  Tab next  Enter select  q quit  ? help
        """,
        "cjkNameAndHostileOrgName": """
         Step 4 of 4 · Connection status                                   okta-connect
        ────────────────────────────────────────────────────────────────────────────────
          Connected as 管理员@例子.中国 to 株式会社アクメ␛[2J (acme.okta.com)
          Last check: passed 2 h ago
          Token last used 27 d ago
          ! Okta deletes tokens unused for 30 days: this one expires in 3 d unless
            it is used. A sync uses it.
          Last sync: 3 h ago · 2,500 users in the local store

          [ Sync now ]  [ Browse users ]  [ Reconnect ]  [ Disconnect ]











        ────────────────────────────────────────────────────────────────────────────────

         Tab next  Enter select  Esc back  s sync  b browse  q quit  ? help
        """,
        "tooSmall": """




                        Terminal too small
                      need 60x18, have 50x12
                     Make the window larger,
                       or press q to quit.




        """,
    ]
}
