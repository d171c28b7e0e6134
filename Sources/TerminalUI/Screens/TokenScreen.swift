import OktaCore

/// Step 3: where the token comes from, and the two fields.
enum TokenScreen {
    static func render(_ state: AppState, into writer: inout BodyWriter) {
        let arrow = writer.glyphs.arrow
        if writer.compact {
            writer.paragraph(
                "Security \(arrow) API \(arrow) Tokens \(arrow) Create Token (shown once).")
        } else {
            writer.paragraph(
                "In the admin console open Security \(arrow) API \(arrow) Tokens \(arrow) "
                    + "Create Token, name it e.g. \"okta-connect\" and copy the value: Okta "
                    + "shows it only once.")
        }
        ConsoleLink.render(
            state.knownOrg, label: "Tokens page:", into: &writer, url: { $0.apiTokensPageURL })
        writer.gap()

        DomainField.render(state, label: "Org address", into: &writer)

        let tokenNote: String
        let tokenStyle: CellStyle
        if let error = state.tokenError {
            tokenNote = error
            tokenStyle = .warning
        } else if state.token.text.isEmpty {
            tokenNote = "Paste the token; surrounding spaces are trimmed."
            tokenStyle = .dim
        } else {
            let parsed = try? APIToken(parsing: state.token.text)
            let length = parsed?.length ?? state.token.text.count
            let lastFour = parsed?.lastFour ?? ""
            tokenNote =
                "\(length) characters"
                + (lastFour.isEmpty ? "" : ", ends in " + lastFour)
            tokenStyle = .dim
        }
        writer.field(
            label: "API token", field: state.token, focused: state.focusedControl == .token,
            note: tokenNote, noteStyle: tokenStyle)
        writer.buttons([("Check and connect", state.focusedControl == .runCheck)])
        if state.isReconnecting, let saved = state.saved {
            writer.paragraph(
                writer.compact
                    ? "Reconnecting: the saved token stays until this passes."
                    : "Reconnecting: the saved token for \(saved.org.host) stays until the new "
                        + "one passes the check.", style: .dim)
        }
        if let demo = state.demo {
            writer.gap()
            writer.paragraph(
                "Demo: org \(demo.domain), token \(demo.token)", style: .warning)
        }
    }
}
