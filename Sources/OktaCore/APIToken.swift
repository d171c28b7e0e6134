import Foundation

/// An Okta API token (the secret behind `Authorization: SSWS …`).
///
/// The value is reachable only through `secret`, which the HTTP client reads to build the header
/// and the connection store reads to write the 0600 token file. Every textual rendering
/// (`description`, string interpolation, `dump`, `print`) shows the masked form, so an accidental
/// log line or error message cannot leak it.
public struct APIToken: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// The raw token. Use it only for the Authorization header and the token file.
    public let secret: String

    /// Accepts a pasted token: surrounding whitespace and newlines are trimmed and a copied
    /// `SSWS ` prefix is dropped; anything else that cannot be a token is rejected with advice.
    public init(parsing input: String) throws(APITokenError) {
        var text = input.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.lowercased().hasPrefix("ssws ") {
            text = String(text.dropFirst(5)).trimmingCharacters(in: .whitespaces)
        }
        guard !text.isEmpty, text.lowercased() != "ssws" else { throw .empty }
        if text.unicodeScalars.contains(where: { CharacterSet.whitespacesAndNewlines.contains($0) })
        {
            throw .innerWhitespace
        }
        if text.unicodeScalars.contains(where: { CharacterSet.controlCharacters.contains($0) }) {
            throw .controlCharacters
        }
        let lowered = text.lowercased()
        let looksLikeAnExample = lowered.contains("your") && lowered.contains("token")
        if looksLikeAnExample || text.contains("{") || text.contains("}") || text.contains("<")
            || text.contains(">")
            || ["apitoken", "api_token", "your-token", "yourtoken", "your_token", "token"]
                .contains(lowered)
        {
            throw .placeholder
        }
        if !text.unicodeScalars.allSatisfy({ $0.isASCII }) { throw .nonASCII }
        // Okta's tokens are 42 characters; a megabyte of stdin is a mistake, not a token, and
        // must not become a request header.
        if text.count > Self.maximumLength { throw .tooLong(text.count) }
        secret = text
    }

    /// Longer input is rejected before any request.
    public static let maximumLength = 512

    /// The number of characters, shown on the entry screen so a truncated paste is noticed.
    public var length: Int { secret.count }

    /// The last four characters, or nothing when the token is too short to reveal any safely.
    public var lastFour: String { secret.count >= 12 ? String(secret.suffix(4)) : "" }

    /// The token as it may be shown: bullets and the last four characters, e.g. `••••••••a1B2`.
    public var masked: String { String(repeating: "•", count: 8) + lastFour }

    public var description: String { masked }
    public var debugDescription: String { "APIToken(\(masked))" }
    public var customMirror: Mirror { Mirror(self, children: ["masked": masked]) }
}

/// Why a pasted token was rejected; each message says what to do instead.
public enum APITokenError: Error, Sendable, Equatable, CustomStringConvertible {
    case empty
    case innerWhitespace
    case controlCharacters
    case placeholder
    case nonASCII
    case tooLong(Int)

    public var description: String {
        switch self {
        case .empty:
            return "Paste the API token. Create one in the Okta admin console under "
                + "Security > API > Tokens > Create Token."
        case .innerWhitespace:
            return "The token contains a space or line break inside it, so part of something "
                + "else was copied with it. Copy the token value again."
        case .controlCharacters:
            return "The token contains control characters. Copy the token value again."
        case .placeholder:
            return "That is a placeholder, not a token. Paste the value Okta showed when you "
                + "created the token."
        case .tooLong(let length):
            return "That is \(length) characters; Okta API tokens are about 42. Paste only the "
                + "token value."
        case .nonASCII:
            return "Okta tokens contain only letters, digits, '-' and '_'. "
                + "Copy the token value again."
        }
    }
}
