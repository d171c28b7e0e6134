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
        let lowered = text.lowercased().precomposedStringWithCanonicalMapping
        guard lowered.contains("ς") else { return lowered }
        return lowered.replacingOccurrences(of: "ς", with: "σ")
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
