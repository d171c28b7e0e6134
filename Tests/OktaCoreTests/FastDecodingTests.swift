import Foundation
import Testing

@testable import OktaCore

/// The fast user-page decoder and timestamp conversions must give exactly what the Foundation
/// paths give, or decline so the caller falls back to them.
@Suite("fast decoding of user pages and timestamps")
struct FastDecodingTests {
    static let page = #"""
        [ {"id":"00u1","status":"ACTIVE","created":"2024-02-29T23:59:59.999Z",
           "activated":null,"statusChanged":"2025-12-31T00:00:00Z",
           "lastLogin":"not a date","lastUpdated":"2026-01-31T09:15:00.120Z",
           "passwordChanged":"2026-01-31T09:15:00+02:00",
           "profile":{"login":"a\u00e9\ud83d\ude00@x.io","firstName":"Zo\u00eb","lastName":null,
             "n":-12.5e-3,"i":12345678901234567890,"z":-0,"t":true,"f":false,
             "arr":[1,"two",[3],{"four":4}],"obj":{},"esc":"\"\\\/\b\f\n\r\t",
             "raw":"日本語 مرحبا"},
           "_links":{"self":{"href":"https://x.okta.com/api/v1/users/00u1"}}},
          {"id":"00u2","profile":"not an object"},
          {"id":"00u3","status":null,"created":12}
        ]
        """#

    @Test func decodesAPageExactlyLikeJSONDecoder() throws {
        let data = Data(Self.page.utf8)
        let expected = try JSONDecoder().decode([OktaUser].self, from: data)
        let fast = try #require(OktaUser.decodeList(data))
        #expect(fast == expected)
        #expect(fast[0].login == "a\u{E9}😀@x.io")
        #expect(fast[1].profile.isEmpty && fast[1].status == "UNKNOWN")
        #expect(try OktaJSON.decode([OktaUser].self, from: data) == expected)
    }

    @Test func declinesWhatOnlyJSONDecoderCanDecide() {
        for text in [
            #"[{"id":"a","id":"b"}]"#, #"[{"id":1}]"#, #"[{"status":"ACTIVE"}]"#,
            #"[{"id":"a","status":5}]"#, #"[{"id":"a","profile":{"n":1e999}}]"#,
            #"[{"id":"\ud800"}]"#, "[{\"id\":\"a\u{1}\"}]", #"[{"id":"a"}] x"#, #"[01]"#,
            #"{"id":"a"}"#, #"[{"id":"a",}]"#, "",
        ] {
            #expect(OktaUser.decodeList(Data(text.utf8)) == nil, "\(text)")
        }
        #expect(OktaUser.decodeList(Data([0x5B, 0x22, 0xFF, 0x22, 0x5D])) == nil)
    }

    @Test func timestampsMatchFoundation() throws {
        let withFraction = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        let plain = Date.ISO8601FormatStyle()
        var seconds: Int64 = -2_208_988_800
        while seconds < 4_102_444_800 {
            let millis = Int(seconds.magnitude % 1000)
            let date = Date(timeIntervalSince1970: Double(seconds) + Double(millis) / 1000)
            let text = OktaDate.format(date)
            #expect(text == date.formatted(withFraction))
            let parsed = try #require(OktaDate.parse(text))
            #expect(abs(parsed.timeIntervalSince(try Date(text, strategy: withFraction))) < 1e-6)
            let whole = Date(timeIntervalSince1970: Double(seconds))
            #expect(OktaDate.parse(whole.formatted(plain)) == whole)
            let http = OktaDate.formatHTTPDate(date)
            #expect(OktaDate.parseHTTPDate(http) == whole)
            seconds += 7_654_321
        }
        #expect(
            OktaDate.formatHTTPDate(Date(timeIntervalSince1970: 0))
                == "Thu, 01 Jan 1970 00:00:00 GMT")
        for odd in ["2026-02-30T00:00:00.000Z", "2026-01-31T09:15:00.1Z", "2026-01-31", ""] {
            #expect(
                OktaDate.parse(odd) == (try? Date(odd, strategy: withFraction))
                    ?? (try? Date(odd, strategy: plain)))
        }
    }
}
