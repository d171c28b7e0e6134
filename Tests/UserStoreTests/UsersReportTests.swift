import Foundation
import OktaCore
import TestSupport
import Testing

@testable import UserStore

@Suite("users output: table, CSV, JSON")
struct UsersReportTests {
    @Test func emptyStoreSaysToSync() throws {
        let (store, directory) = try makeStore()
        defer { directory.remove() }
        let text = try UsersReport.render(
            store: store, filter: .all, sort: UserSort(), format: .table, width: 80)
        #expect(text == "no synced users yet — run okta-connect sync\n")
        let csv = try UsersReport.render(store: store, filter: .all, sort: UserSort(), format: .csv)
        #expect(csv == UsersReport.csvColumns.joined(separator: ",") + "\r\n")
        let json = try UsersReport.render(
            store: store, filter: .all, sort: UserSort(), format: .json)
        #expect(json == "[]\n")
    }

    @Test(arguments: [30, 40, 60, 80, 120])
    func tableNeverWrapsAndDropsMinorColumnsWhenNarrow(width: Int) throws {
        let (store, directory) = try makeStore()
        defer { directory.remove() }
        try seed(
            store,
            [
                user(1, first: "山田", last: "太郎たろう長い名前の人", lastLogin: daysAgo(2)),
                user(2, first: "Zoë", last: "Ångström-Lindqvist", lastLogin: nil),
            ])
        let text = try UsersReport.render(
            store: store, filter: .all, sort: UserSort(), format: .table, width: width)
        for line in text.split(separator: "\n") {
            #expect(DisplayWidth.of(String(line)) < width, "\(width): \(line)")
        }
        let header = try #require(text.split(separator: "\n").first)
        #expect(header.contains("CREATED") == (width >= 80))
        #expect(header.contains("NAME") && header.contains("LOGIN"))
    }

    @Test func csvQuotesAndNeutralisesFormulas() throws {
        #expect(UsersReport.csvCell("plain") == "plain")
        #expect(UsersReport.csvCell("a,b") == "\"a,b\"")
        #expect(UsersReport.csvCell("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(UsersReport.csvCell("two\nlines") == "\"two\nlines\"")
        #expect(UsersReport.csvCell("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"")
        #expect(UsersReport.csvCell("+1 555") == "'+1 555")
        #expect(UsersReport.csvCell("-5") == "'-5")
        #expect(UsersReport.csvCell("@SUM(A1)") == "'@SUM(A1)")
        #expect(UsersReport.csvCell("\tx") == "'\tx")
        #expect(UsersReport.csvCell("\rx") == "\"'\rx\"")
        #expect(UsersReport.csvCell("a=b") == "a=b")

        let (store, directory) = try makeStore()
        defer { directory.remove() }
        try seed(
            store,
            [
                user(1, first: "=cmd|' /C calc'!A0", last: "O\"Brien, Jr", lastLogin: daysAgo(2))
            ])
        let csv = try UsersReport.render(store: store, filter: .all, sort: UserSort(), format: .csv)
        let lines = csv.components(separatedBy: "\r\n")
        #expect(lines[0].hasPrefix("id,status,login,email,firstName,lastName,"))
        #expect(lines[0].contains("lastLogin,created,lastUpdated"))
        #expect(lines[1].hasPrefix("00u00000000000000001,ACTIVE,"))
        #expect(lines[1].contains(",'=cmd|' /C calc'!A0,\"O\"\"Brien, Jr\","))
        #expect(lines[1].contains(OktaDate.format(daysAgo(2))))
        #expect(lines.count == 3 && lines[2].isEmpty)
    }

    @Test func jsonRoundTripsEveryProfileAttribute() throws {
        let (store, directory) = try makeStore()
        defer { directory.remove() }
        let people = [
            user(
                1, first: "Ada", last: "Lovelace", lastLogin: daysAgo(3),
                extra: [
                    "skills": .array([.string("math"), .number(1.5), .bool(false), .null]),
                    "address": .object(["city": .string("London"), "zip": .number(12345)]),
                    "note": .string("<script>alert(1)</script>\u{1B}[2J\n\"q\" \\ /"),
                    "nickName": .null,
                ]),
            user(2, first: "李", last: "小龍"),
        ]
        try seed(store, people)
        let json = try UsersReport.render(
            store: store, filter: .all, sort: UserSort(.login), format: .json)
        let decoded = try JSONDecoder().decode([[String: JSONValue]].self, from: Data(json.utf8))
        #expect(decoded.count == 2)
        for (object, original) in zip(decoded, people) {
            #expect(object["id"] == .string(original.id))
            #expect(object["status"] == .string("ACTIVE"))
            #expect(object["login"] == .string(original.login ?? ""))
            #expect(object["email"] == .string(original.email ?? ""))
            #expect(object["firstName"] == .string(original.firstName ?? ""))
            #expect(object["lastName"] == .string(original.lastName ?? ""))
            #expect(object["created"] == .string(OktaDate.format(original.created!)))
            #expect(object["lastUpdated"] == .string(OktaDate.format(original.lastUpdated!)))
            #expect(object["profile"] == .object(original.profile))
        }
        #expect(decoded[0]["lastLogin"] == .string(OktaDate.format(daysAgo(3))))
        #expect(decoded[1]["lastLogin"] == .null)
    }

    @Test func tableFitsTheWidthAlignsWideCharactersAndNeutralisesEscapes() throws {
        let (store, directory) = try makeStore()
        defer { directory.remove() }
        try seed(
            store,
            [
                user(1, first: "Alice", last: "Smith", lastLogin: daysAgo(3)),
                user(2, first: "漢字の名前", last: "とても長い名前です", status: "SUSPENDED"),
                user(3, first: "Evil\u{1B}[2J\u{1B}]0;pwned\u{07}", last: "Name"),
                user(4, first: "שלום", last: "עולם", lastLogin: daysAgo(400)),
            ])
        for width in [80, 120] {
            let table = try UsersReport.render(
                store: store, filter: .all, sort: UserSort(.name), format: .table, width: width,
                now: fixedNow)
            #expect(!table.contains("\u{1B}"))
            #expect(!table.contains("\u{07}"))
            let lines = table.split(separator: "\n").map(String.init)
            #expect(lines.count == 6)
            #expect(lines[0].hasPrefix("NAME"))
            #expect(lines.last == "4 of 4 users")
            for line in lines.dropLast() {
                #expect(DisplayWidth.of(line) <= width, "\(line)")
            }
            // The status column starts at the same display column on every row.
            let statusColumns = lines.dropFirst().dropLast().map { line -> Int in
                let prefix = line.components(separatedBy: " ACTIVE").first!
                    .components(separatedBy: " SUSPENDED").first!
                return DisplayWidth.of(prefix)
            }
            #expect(Set(statusColumns).count == 1, "\(statusColumns)")
            #expect(table.contains("␛[2J"))
            #expect(table.contains("3 d ago"))
            #expect(table.contains("never"))
        }
    }

    @Test func displayWidthCountsWideAndCombiningCharacters() {
        #expect(DisplayWidth.of("abc") == 3)
        #expect(DisplayWidth.of("漢字") == 4)
        #expect(DisplayWidth.of("ｆｕｌｌ") == 8)
        #expect(DisplayWidth.of("e\u{301}") == 1)
        #expect(DisplayWidth.of("🚀") == 2)
        #expect(DisplayWidth.of("한국") == 4)
        #expect(DisplayWidth.truncate("漢字漢字", to: 5) == "漢字…")
        #expect(DisplayWidth.of(DisplayWidth.pad("漢字漢字", to: 6)) == 6)
        #expect(DisplayWidth.pad("ab", to: 4) == "ab  ")
    }
}
