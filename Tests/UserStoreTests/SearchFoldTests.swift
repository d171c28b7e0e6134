import Foundation
import OktaCore
import TestSupport
import Testing

@testable import UserStore

/// The filter is case-insensitive the way people read text: a decomposed accent matches the
/// precomposed one typed, and capital Greek finds a word ending in final sigma, on the SQL
/// path, the trigram path and the browser's snapshot alike.
@Suite struct SearchFoldTests {
    static let people = [
        user(1, first: "Νίκος", last: "Παππάς"),
        user(2, first: "Jose\u{301}", last: "Decomposed"),
        user(3, first: "José", last: "Composed"),
        user(4, first: "Samuel", last: "Long"),
        user(5, first: "ſamuel", last: "Archaic"),
    ]

    /// (typed, users found). Three characters or more take the trigram index, fewer the scan.
    static let searches: [(String, Int)] = [
        ("ΝΊΚΟΣ", 1), ("νίκος", 1), ("ΠΑΠΠΆΣ", 1), ("ος", 1), ("josé", 2), ("JOSÉ", 2),
        ("jose\u{301}", 2), ("é", 2), ("jose", 0), ("sam", 1), ("ſam", 1),
    ]

    @Test(arguments: [false, true])
    func theFilterFoldsDecompositionAndFinalSigma(prepared: Bool) throws {
        let (store, directory) = try makeStore()
        defer { directory.remove() }
        try seed(store, Self.people)
        if prepared { #expect(try store.prepareForBrowsing()) }
        for (typed, found) in Self.searches {
            #expect(try store.count(UserFilter(text: typed)) == found, "\(typed)")
            let rows = try store.rows(
                UserFilter(text: typed), sort: UserSort(), offset: 0, limit: 9)
            #expect(rows.count == found, "\(typed)")
        }
    }

    @Test func foldingIsIdempotentAndLeavesASCIIAlone() {
        for text in ["Νίκος", "Jose\u{301}", "ÅNGSTRÖM", "straße", "İstanbul", "plain ascii"] {
            let once = SearchFold.fold(text)
            #expect(SearchFold.fold(once) == once, "\(text)")
        }
        #expect(SearchFold.fold("Ada.Lovelace@Example.COM") == "ada.lovelace@example.com")
        #expect(SearchFold.fold("ΝΊΚΟΣ") == SearchFold.fold("νίκος"))
    }

    /// The shortcut that skips composition gives what full composition gives, on scripts it
    /// skips and on the characters it must not skip.
    @Test func theCompositionShortcutChangesNothing() {
        func reference(_ text: String) -> [UInt8] {
            let folded = text.lowercased().precomposedStringWithCanonicalMapping
            return Array(folded.replacingOccurrences(of: "ς", with: "σ").utf8)
        }
        let samples = [
            "Zoë Ångström-Müller", "Łukasz Żółć", "Νίκος Παππάς", "ΟΔΥΣΣΕΎΣ", "Ωmega",
            "Ива́н Петров", "Иван Петров\u{483}", "山田 太郎", "さ\u{3099}くら", "ざくら", "김민준",
            "\u{1100}\u{1161}", "\u{212B}ngstr\u{F6}m", "\u{1F71}", "\u{F900}", "x\u{37E}",
            "Cafe\u{301}", "İstanbul", "Straße", "Ǆemal",
        ]
        for sample in samples {
            #expect(Array(SearchFold.fold(sample).utf8) == reference(sample), "\(sample)")
        }
    }

    /// A store written by version 3, which only lowercased, is refolded when opened.
    @Test func aVersion3StoreIsRefoldedOnOpening() throws {
        let (store, directory) = try makeStore()
        defer { directory.remove() }
        try seed(store, Self.people)
        let url = store.url
        let old = try SQLiteDatabase(path: url.path)
        try old.execute(
            """
            UPDATE users SET search = 'jose\u{301}' || char(10) || 'decomposed' WHERE rid = 2;
            UPDATE users SET search = 'νίκος' || char(10) || 'παππάς' WHERE rid = 1;
            PRAGMA user_version = 3;
            """)
        let oldText = try old.statement(
            "SELECT count(*) FROM users_text WHERE search LIKE 'jose%'")
        #expect(try oldText.scalarInt() == 1)

        let upgraded = try UserStore(url: url, now: { fixedNow })
        #expect(try old.pragmaInt("user_version") == StoreSchema.currentVersion)
        for (typed, found) in Self.searches {
            #expect(try upgraded.count(UserFilter(text: typed)) == found, "\(typed)")
        }
        let folded = try upgraded.rows(
            UserFilter(text: "josé"), sort: UserSort(), offset: 0, limit: 9)
        #expect(Set(folded.map(\.id)) == Set([Self.people[1].id, Self.people[2].id]))
    }
}
