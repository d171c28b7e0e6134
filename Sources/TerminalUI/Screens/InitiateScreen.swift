/// Step 1: the Okta connection card, Connect/Reconnect and the invitation for non-admins.
enum InitiateScreen {
    static func render(_ state: AppState, into writer: inout BodyWriter) {
        let glyphs = writer.glyphs
        if !writer.compact {
            writer.paragraph(
                "okta-connect reads the users of your Okta org with an API token, keeps them "
                    + "in a local database and shows them here. It never changes anything in "
                    + "Okta.")
            writer.blank()
        }

        let cardTop = writer.row
        let cardWidth = min(writer.area.width, 72)
        writer.canvas.box(
            top: cardTop, left: writer.area.left, height: 5, width: cardWidth, glyphs: glyphs)
        writer.canvas.put(
            " Okta connection ", row: cardTop, column: writer.area.left + 2, style: .bold)
        writer.blank()
        let (stateText, stateStyle) = connectionState(state)
        writer.canvas.put("State: ", row: writer.row, column: writer.area.left + 2)
        writer.canvas.put(
            stateText, row: writer.row, column: writer.area.left + 9,
            style: stateStyle, limit: cardWidth - 11, ellipsis: glyphs.ellipsis)
        writer.blank(2)
        let caption = state.saved == nil ? "Connect" : "Reconnect"
        writer.buttons([(caption, state.focusedControl == .connect)], indent: 2)
        writer.blank()
        writer.gap()

        writer.buttons(
            [("Invite your admin", state.focusedControl == .invite)],
            lead: "Not an Okta admin?")
        if let invitation = state.invitation {
            writer.gap()
            writer.paragraph("Invitation written to " + invitation.path, indent: 2)
            writer.paragraph(
                invitation.copied
                    ? "Copied. Send it to your Okta admin."
                    : "Send it to your Okta admin; press c to copy it to the clipboard.",
                style: .dim, indent: 2)
        }
        if let demo = state.demo, state.saved == nil {
            writer.gap()
            writer.paragraph(
                "Demo mode: a simulated org (\(demo.domain)); nothing leaves this machine.",
                style: .dim)
        }
    }

    private static func connectionState(_ state: AppState) -> (String, CellStyle) {
        guard let saved = state.saved else { return ("Not connected", .bold) }
        if saved.state == .expired { return ("Access expired (\(saved.org.host))", .failure) }
        let who = saved.ownerLogin ?? "the token's owner"
        return ("Connected as \(who) to \(saved.org.host)", .success)
    }
}
