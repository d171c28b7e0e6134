import Foundation
import OktaCore

/// A raw HTTP response recorded from a real Okta org (`Recordings/*.http`): status line, CRLF
/// header lines with repeated fields kept apart, a blank line, and the decoded body.
struct Recording {
    var name: String
    var status: Int
    var headers: HTTPHeaders
    var body: Data

    /// Loads `Recordings/<name>.http` from the test bundle.
    init(_ name: String) throws {
        guard
            let url = Bundle.module.url(
                forResource: name, withExtension: "http", subdirectory: "Recordings")
        else { throw RecordingError.missing(name) }
        try self.init(name: name, raw: try Data(contentsOf: url))
    }

    init(name: String, raw: Data) throws {
        self.name = name
        let separator = Data("\r\n\r\n".utf8)
        guard let split = raw.range(of: separator) else { throw RecordingError.malformed(name) }
        let head = String(decoding: raw[..<split.lowerBound], as: UTF8.self)
        body = raw[split.upperBound...]
        var lines = head.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, statusLine[0].hasPrefix("HTTP/"),
            let code = Int(statusLine[1])
        else { throw RecordingError.malformed(name) }
        status = code
        headers = HTTPHeaders(
            try lines.map { line in
                guard let colon = line.firstIndex(of: ":") else {
                    throw RecordingError.malformed(name)
                }
                return (
                    String(line[..<colon]),
                    line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                )
            })
    }

    /// Every recording in the bundle, by name.
    static func allNames() throws -> [String] {
        guard let directory = Bundle.module.url(forResource: "Recordings", withExtension: nil)
        else { throw RecordingError.missing("Recordings") }
        return try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".http") }.map { String($0.dropLast(5)) }.sorted()
    }
}

enum RecordingError: Error {
    case missing(String)
    case malformed(String)
}
