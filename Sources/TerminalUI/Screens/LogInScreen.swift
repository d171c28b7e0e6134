import Foundation
import OktaCore

/// Step 2: who should sign in, and where.
enum LogInScreen {
    static func render(_ state: AppState, into writer: inout BodyWriter) {
        if writer.compact {
            writer.paragraph(
                "Sign in to your admin console as a Super Administrator, or a Read-only "
                    + "Administrator (least privilege: its token can only read). SSO or MFA "
                    + "may apply.")
        } else {
            writer.paragraph(
                "Sign in to your Okta admin console as an admin who may create API tokens. "
                    + "A token can do what its admin can:")
            writer.bullet(
                "Super Administrator: always allowed; the token can also change everything, "
                    + "so keep it safe.")
            writer.bullet(
                "Read-only Administrator: least privilege; the token can only read, which is "
                    + "all okta-connect needs.")
            writer.paragraph("Your org may ask for SSO or MFA on the way in; that is expected.")
        }
        writer.gap()

        DomainField.render(state, label: "Org address (optional here)", into: &writer)
        ConsoleLink.render(state.knownOrg, label: "Admin console:", into: &writer)
        writer.gap()
        writer.buttons([
            ("Open admin console", state.focusedControl == .openConsole),
            ("Continue", state.focusedControl == .continueToToken),
        ])
    }
}

/// The org address field with its live normalisation or advice.
enum DomainField {
    static func render(_ state: AppState, label: String, into writer: inout BodyWriter) {
        let note: String?
        let style: CellStyle
        if state.domain.text.isEmpty {
            note = "e.g. acme.okta.com"
            style = .dim
        } else {
            do {
                let org = try OrgAddress(parsing: state.domain.text)
                note = writer.glyphs.arrow + " " + org.origin.absoluteString
                style = .success
            } catch {
                note = error.description
                style = .warning
            }
        }
        writer.field(
            label: label, field: state.domain, focused: state.focusedControl == .domain,
            note: note, noteStyle: style)
    }
}

/// A URL shown as text and as a terminal hyperlink (OSC 8), or the reason it is unknown.
enum ConsoleLink {
    static func render(
        _ org: OrgAddress?, label: String, into writer: inout BodyWriter,
        url: (OrgAddress) -> URL? = { $0.adminConsoleURL }
    ) {
        guard writer.hasRoom else { return }
        guard let org else {
            writer.line(label + " known once you type the org address", style: .dim)
            return
        }
        guard let link = url(org) else {
            writer.paragraph(org.adminConsoleHint, style: .dim)
            return
        }
        let text = link.absoluteString
        var used = writer.canvas.put(
            label + " ", row: writer.row, column: writer.area.left, style: .bold)
        if used + writer.widths.width(of: text) > writer.area.width {
            // The address on a line of its own rather than cut.
            writer.blank()
            guard writer.hasRoom else { return }
            used = 0
        }
        writer.canvas.putLink(
            text, url: text, row: writer.row, column: writer.area.left + used,
            limit: writer.area.width - used)
        writer.blank()
    }
}
