/// Text from Okta made safe to show in a terminal.
///
/// Every string that came from an org (names, attributes, company names, error summaries) is
/// data. A name containing `ESC [ 2 J` must show up as visible characters, never reach the
/// terminal as a command, so control characters are replaced by their visible Unicode
/// "control pictures" (`␛` for ESC, `␊` for a line feed) and other invisible format controls
/// (bidi overrides, zero-width marks that can disguise text) by `�`.
public enum SafeText {
    /// `text` with every C0/C1 control and bidi override replaced by a visible stand-in.
    public static func neutralized(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsReplacement) else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            result.append(needsReplacement(scalar) ? replacement(for: scalar) : scalar)
        }
        return String(result)
    }

    static func needsReplacement(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x202A...0x202E, 0x2066...0x2069: return true  // bidi embeddings and isolates
        default: return false
        }
    }

    static func replacement(for scalar: Unicode.Scalar) -> Unicode.Scalar {
        switch scalar.value {
        case 0x00...0x1F: return Unicode.Scalar(0x2400 + scalar.value)!
        case 0x7F: return "\u{2421}"
        default: return "\u{FFFD}"
        }
    }
}
