import OktaCore

/// The note a non-admin sends to their Okta admin: what okta-connect needs and how to make it.
public enum Invitation {
    /// The invitation text; it names the org's token page when the org is known.
    public static func text(org: OrgAddress?) -> String {
        var lines = [
            "Hello,",
            "",
            "I would like to use okta-connect to look at our Okta users (who exists, their status",
            "and when they last signed in). It needs an Okta API token. It only reads users; it",
            "changes nothing in Okta.",
            "",
            "Who can create the token: an Okta admin who may create API tokens. A Super",
            "Administrator can; a Read-only Administrator is the least-privilege choice (a token",
            "inherits the permissions of the admin who creates it, so a read-only admin's token",
            "can only read, which is all okta-connect needs).",
            "",
            "Steps:",
            "1. Sign in to the Okta admin console (SSO and MFA may apply).",
            "2. Go to Security > API > Tokens and choose Create Token.",
            "3. Name it \"okta-connect\" and copy the value: Okta shows it only once.",
            "4. Send me the token over a secure channel (not plain e-mail or chat), or run",
            "   okta-connect yourself and paste it on the \"Enter token and domain\" screen.",
            "",
            "Okta deletes a token that is not used for 30 days; okta-connect uses it at every sync.",
        ]
        if let org {
            lines.append("")
            lines.append("Our org: \(org.origin.absoluteString)")
            if let tokens = org.apiTokensPageURL {
                lines.append("Token page: \(tokens.absoluteString)")
            } else {
                lines.append(org.adminConsoleHint)
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
