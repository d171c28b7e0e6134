import CSQLite
import Foundation

/// The one notion of "the same letters" the users filter has, applied to the stored search
/// text and to what is typed, so every path (SQL, the trigram index, the browser's snapshot)
/// finds the same users.
///
/// Lowercasing alone is not enough: a name stored decomposed ("e" + U+0301, as some HR
/// systems send it) must match "é" typed precomposed, and Greek has two lowercase sigmas,
/// so "ΝΊΚΟΣ" (lowercased "νίκοσ") must find "Νίκος". Other foldings ("ſ" as "s", "ß" as
/// "ss", accents dropped) are deliberately not made: a filter finds what was typed.
enum SearchFold {
    static func fold(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text.lowercased() }
        var mayCompose = false
        var hasFinalSigma = false
        for scalar in text.unicodeScalars {
            if scalar.value == 0x3C2 {
                hasFinalSigma = true
            } else if !isStable(scalar.value) {
                mayCompose = true
            }
        }
        var folded = text.lowercased()
        // Foundation's composition costs a few microseconds a call; most names never need it.
        if mayCompose { folded = folded.precomposedStringWithCanonicalMapping }
        if hasFinalSigma { folded = folded.replacingOccurrences(of: "ς", with: "σ") }
        return folded
    }

    /// True for scalars that composition leaves alone and that never combine with the one
    /// before: the letters of Latin (below the combining marks at U+0300), Greek and Coptic
    /// (but for three singletons that compose to other characters), Cyrillic (but its
    /// combining marks), kana (but the combining sound marks), CJK ideographs and Hangul
    /// syllables. Anything else (combining marks, jamo, compatibility ideographs, Greek
    /// with oxia, the Ångström sign) takes the full composition.
    static func isStable(_ value: UInt32) -> Bool {
        switch value {
        case 0..<0x300: return true
        case 0x370...0x3FF: return value != 0x374 && value != 0x37E && value != 0x387
        case 0x400...0x482, 0x48A...0x52F: return true
        case 0x3041...0x3096, 0x30A1...0x30FA: return true
        case 0x4E00...0x9FFF, 0xAC00...0xD7A3: return true
        default: return false
        }
    }
}

/// `okta_connect_fold(text)`: `SearchFold.fold` for SQL, so a migration can refold the text
/// stored by an older version.
func searchFoldFunction(
    _ context: OpaquePointer?, _ count: Int32, _ values: UnsafeMutablePointer<OpaquePointer?>?
) {
    guard count == 1, let value = values?[0], let bytes = sqlite3_value_text(value) else {
        sqlite3_result_null(context)
        return
    }
    // Stored search text is lowercase ASCII in most orgs: handing the value back unchanged
    // keeps the migration's pass over a million rows to a byte scan.
    let length = Int(sqlite3_value_bytes(value))
    let unchanged = UnsafeBufferPointer(start: bytes, count: length).allSatisfy {
        $0 < 0x80 && !(0x41...0x5A).contains($0)
    }
    if unchanged {
        sqlite3_result_value(context, value)
        return
    }
    let folded = SearchFold.fold(String(cString: bytes))
    sqlite3_result_text(context, folded, -1, sqliteTransient)
}
