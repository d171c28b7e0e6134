import Foundation
import OktaCore
import Testing

@testable import UserStore

@Suite("store encodings: profile JSON and search text")
struct StoreEncodingTests {
    static let profile: [String: JSONValue] = [
        "login": .string("zoë.o'brien@example.com"),
        "displayName": .string("Zoë \"Z\" O'Brien\n\t\u{1B}[31m\u{7F}\\"),
        "emoji": .string("👩🏽‍💻 日本語 مرحبا"),
        "costCenter": .number(42), "ratio": .number(0.25), "big": .number(1e20),
        "flags": .array([.bool(true), .bool(false), .null]),
        "nested": .object(["b": .string("2"), "a": .array([.number(-1)])]),
        "empty": .object([:]),
    ]

    @Test func byteWriterGivesTheSameTextAsTheStringWriter() {
        var text = ""
        ProfileJSON.write(.object(Self.profile), into: &text)
        #expect(ProfileJSON.encode(Self.profile) == text)
        #expect(text.hasPrefix("{\"big\":1e+20,\"costCenter\":42,\"displayName\":"))
        #expect(text.contains("\\\"Z\\\" O'Brien\\n\\t\\u001b[31m\\u007f\\\\\""))
        #expect(ProfileJSON.decode(text) == Self.profile)
    }

    @Test func searchTextDropsPartsContainedInEarlierOnes() {
        #expect(
            UserRow.searchText(["Ana Lima", "ana@x.io", "ANA@X.IO", "Ana", "Lima"])
                == "ana lima\nana@x.io")
        #expect(UserRow.searchText(["Bo", "bo@x.io", "", "", ""]) == "bo\nbo@x.io")
        #expect(
            UserRow.searchText(["李 小龍", "li@x.cn", "li@x.cn", "小龍", "李"])
                == "李 小龍\nli@x.cn")
        // Parts are folded first: a decomposed "é" is composed, so it is the same part and
        // goes (compared as bytes: Swift's == would call them equal anyway).
        #expect(
            Array(UserRow.searchText(["caf\u{E9}", "x@y", "x@y", "cafe\u{301}", ""]).utf8)
                == Array("caf\u{E9}\nx@y".utf8))
        #expect(
            Array(UserRow.searchText(["Cafe\u{301}", "Ὀδυσσεύς"]).utf8)
                == Array("caf\u{E9}\nὀδυσσεύσ".utf8))
    }
}
