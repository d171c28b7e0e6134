import Foundation
import OktaCore
import Testing

@Suite("LinkHeader")
struct LinkHeaderTests {
    let selfLink = "<https://acme.okta.com/api/v1/users?limit=200>; rel=\"self\""
    let nextLink =
        "<https://acme.okta.com/api/v1/users?after=200u1ab&limit=200>; rel=\"next\""

    @Test func two_header_fields() {
        let header = LinkHeader(fieldValues: [selfLink, nextLink])
        #expect(header.links.count == 2)
        #expect(header.target(for: "self") == "https://acme.okta.com/api/v1/users?limit=200")
        #expect(
            header.next?.absoluteString
                == "https://acme.okta.com/api/v1/users?after=200u1ab&limit=200")
    }

    @Test func foundation_joined_fields() {
        let header = LinkHeader(fieldValues: [selfLink + ", " + nextLink])
        #expect(header.links.map(\.relations) == [["self"], ["next"]])
        #expect(
            header.next?.absoluteString
                == "https://acme.okta.com/api/v1/users?after=200u1ab&limit=200")
    }

    @Test func next_before_self_and_without_space() {
        let header = LinkHeader(fieldValues: [nextLink + "," + selfLink])
        #expect(header.target(for: "next")?.contains("after=200u1ab") == true)
        #expect(header.target(for: "self") == "https://acme.okta.com/api/v1/users?limit=200")
    }

    @Test func commas_inside_urls() {
        let next =
            "https://acme.okta.com/api/v1/users?after=200u9&limit=2&fields=id,status,"
            + "profile:(firstName,lastName)"
        let header = LinkHeader(fieldValues: [
            "<https://acme.okta.com/api/v1/users?limit=2&fields=id,status>; rel=\"self\", "
                + "<\(next)>; rel=\"next\""
        ])
        #expect(header.links.count == 2)
        #expect(header.target(for: "next") == next)
    }

    @Test func missing_self() {
        let header = LinkHeader(fieldValues: [nextLink])
        #expect(header.target(for: "self") == nil)
        #expect(header.next != nil)
    }

    @Test func only_self_means_last_page() {
        let header = LinkHeader(fieldValues: [selfLink])
        #expect(header.next == nil)
    }

    @Test func no_header_means_last_page() {
        #expect(LinkHeader(fieldValues: []).next == nil)
        #expect(LinkHeader(fieldValues: [""]).next == nil)
    }

    @Test func relation_with_several_values_and_other_parameters() {
        let header = LinkHeader(fieldValues: [
            "<https://acme.okta.com/a>; title=\"a, b; c\"; rel=\"self next\"",
            "<https://acme.okta.com/b>; REL=Prev",
        ])
        #expect(header.links.count == 2)
        #expect(header.links[0].relations == ["self", "next"])
        #expect(header.next?.absoluteString == "https://acme.okta.com/a")
        #expect(header.target(for: "prev") == "https://acme.okta.com/b")
    }

    @Test func encoded_search_cursor_is_kept_verbatim() {
        let next =
            "https://classic-00.dne-okta.com/api/v1/users?after=00uvo7s8abwP37lV81d7&limit=1"
            + "&search=profile.lastName+eq+%22Smith%22+and+profile.firstName+eq+%22TestAcc%22"
        let header = LinkHeader(fieldValues: ["<\(next)>; rel=\"next\""])
        #expect(header.next?.absoluteString == next)
    }

    /// The Link header of every recording that has one, parsed from the raw file.
    static let recordedNext: [(name: String, next: String?, selfTarget: String?)] = [
        (
            "pysdk-2020-users-limit1-page1",
            "https://test.okta.com/api/v1/users?after=000usfdsyqnIjEmHNm4x6&limit=1", nil
        ),
        (
            "pysdk-2020-users-limit1-page2",
            "https://test.okta.com/api/v1/users?after=000usfgmn9xhwtA6f74x6&limit=1", nil
        ),
        (
            "pysdk-2026-users-limit1-self-and-next",
            "https://test.okta.com/api/v1/users?after=200unwlw0tbo8E6aVj5d7&limit=1",
            "https://test.okta.com/api/v1/users?limit=1"
        ),
        (
            "tf-2026-users-search-limit1-self-and-next",
            "https://classic-00.dne-okta.com/api/v1/users?after=00uvo7s8abwP37lV81d7&limit=1"
                + "&search=profile.lastName+eq+%22Smith%22+and+profile.firstName+eq+%22TestAcc%22",
            "https://classic-00.dne-okta.com/api/v1/users?limit=1"
                + "&search=profile.lastName+eq+%22Smith%22+and+profile.firstName+eq+%22TestAcc%22"
        ),
        ("j1-2021-users-list-default", nil, "https://dev-123456.okta.com/api/v1/users?limit=200"),
        (
            "j1-2021-users-filter-deprovisioned", nil,
            "https://dev-123456.okta.com/api/v1/users?limit=200&filter=status+eq+%22DEPROVISIONED%22"
        ),
        (
            "j1-2020-users-list-via-admin-host", nil,
            "https://dev-123456.okta.com/api/v1/users?limit=200"
        ),
    ]

    @Test("recorded Link headers, as separate and as joined fields", arguments: recordedNext)
    func recorded(_ example: (name: String, next: String?, selfTarget: String?)) throws {
        let recording = try Recording(example.name)
        let fields = recording.headers.values(for: "link")
        #expect(!fields.isEmpty)
        for header in [
            LinkHeader(fieldValues: fields),
            LinkHeader(fieldValues: [fields.joined(separator: ", ")]),
        ] {
            #expect(header.target(for: "next") == example.next)
            #expect(header.next?.absoluteString == example.next)
            #expect(header.target(for: "self") == example.selfTarget)
        }
    }

    @Test func recording_with_two_link_fields_keeps_them_apart() throws {
        let recording = try Recording("pysdk-2026-users-limit1-self-and-next")
        #expect(recording.headers.values(for: "Link").count == 2)
        #expect(recording.headers.values(for: "set-cookie").count == 5)
    }
}
