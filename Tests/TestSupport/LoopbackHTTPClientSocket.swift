import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A raw TCP connection to a loopback port, for tests that must see the bytes a server sends
/// (for example two separate `Link` header fields, which Foundation would join).
public final class LoopbackHTTPClientSocket {
    private var descriptor: Int32

    /// Connects to 127.0.0.1:`port`; reads time out after `timeoutSeconds`.
    public init(port: UInt16, timeoutSeconds: Int = 5) throws {
        #if canImport(Glibc)
            descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else {
            throw LoopbackHTTPServer.StartError(description: "socket failed (errno \(errno))")
        }
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(
            descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            Self.closeDescriptor(descriptor)
            throw LoopbackHTTPServer.StartError(
                description: "connect to 127.0.0.1:\(port) failed (errno \(errno))")
        }
    }

    /// Sends `text` as UTF-8.
    public func write(_ text: String) throws {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes {
                #if canImport(Glibc)
                    send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
                #else
                    send(descriptor, $0.baseAddress, $0.count, 0)
                #endif
            }
            guard sent > 0 else {
                throw LoopbackHTTPServer.StartError(description: "send failed (errno \(errno))")
            }
            offset += sent
        }
    }

    /// Reads until the peer closes the connection (or the read timeout passes).
    public func readAll() -> String {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let count = recv(descriptor, &buffer, buffer.count, 0)
            if count <= 0 { break }
            data.append(contentsOf: buffer[0..<count])
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// Closes the connection (idempotent).
    public func close() {
        if descriptor >= 0 {
            Self.closeDescriptor(descriptor)
            descriptor = -1
        }
    }

    private static func closeDescriptor(_ descriptor: Int32) {
        #if canImport(Glibc)
            _ = Glibc.close(descriptor)
        #else
            _ = Darwin.close(descriptor)
        #endif
    }

    deinit {
        close()
    }
}
