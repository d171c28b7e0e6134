import Foundation

/// The product version, shown by `--version` and sent in the User-Agent.
public enum OktaConnectVersion {
    public static let current = "0.1.0"
}

/// `okta-connect/<version> swift/<version> <os>/<release>`, as Okta asks clients to identify
/// themselves (their SDKs use the same shape).
enum UserAgent {
    static let value: String = {
        #if swift(>=6.3)
            let swift = "6.3"
        #elseif swift(>=6.0)
            let swift = "6"
        #else
            let swift = "5"
        #endif
        var system = utsname()
        uname(&system)
        let name = withUnsafeBytes(of: &system.sysname) {
            String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self)
        }
        let release = withUnsafeBytes(of: &system.release) {
            String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self)
        }
        return "okta-connect/\(OktaConnectVersion.current) swift/\(swift) \(name)/\(release)"
    }()
}
