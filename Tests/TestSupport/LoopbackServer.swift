import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A tiny HTTP/1.1 server on 127.0.0.1 (POSIX sockets, one connection at a time, `Connection:
/// close`) that answers every request through `handler(target)`. Writes never raise SIGPIPE, so a
/// client that gave up (a timeout test) does not kill the test process.
public final class LoopbackServer: @unchecked Sendable {
  /// One canned answer.
  public struct Response: Sendable {
    public var status: Int
    public var headers: [String: String]
    public var body: Data
    public init(status: Int, headers: [String: String] = [:], body: Data = Data()) {
      self.status = status
      self.headers = headers
      self.body = body
    }
  }

  private let fd: Int32
  /// The port the server listens on.
  public private(set) var port: UInt16 = 0
  private let handler: @Sendable (String) -> Response
  private let lock = NSLock()
  private var _requests: [String] = []
  /// The request targets (path and query) received so far, in order.
  public var requests: [String] { lock.withLock { _requests } }

  public init(handler: @escaping @Sendable (String) -> Response) throws {
    self.handler = handler
    #if canImport(Glibc)
      fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    #else
      fd = socket(AF_INET, SOCK_STREAM, 0)
    #endif
    guard fd >= 0 else { throw POSIXError(.EIO) }
    var yes: Int32 = 1
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
    var addr = sockaddr_in()
    addr.sin_family = sa_family_t(AF_INET)
    addr.sin_port = 0
    addr.sin_addr.s_addr = inet_addr("127.0.0.1")
    let bound = withUnsafePointer(to: &addr) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard bound == 0, listen(fd, 16) == 0 else { throw POSIXError(.EADDRINUSE) }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &addr) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
    }
    port = UInt16(bigEndian: addr.sin_port)
    let thread = Thread { [self] in self.serve() }
    thread.start()
  }

  /// `http://127.0.0.1:<port>`.
  public var baseURL: String { "http://127.0.0.1:\(port)" }

  /// Closes the listening socket; the serving thread ends.
  public func stop() {
    shutdown(fd, Int32(SHUT_RDWR))
    close(fd)
  }

  private func serve() {
    while true {
      let client = accept(fd, nil, nil)
      guard client >= 0 else { return }
      handle(client)
      close(client)
    }
  }

  private func handle(_ client: Int32) {
    var request = Data()
    var buffer = [UInt8](repeating: 0, count: 4096)
    while !request.contains("\r\n\r\n".data(using: .utf8)!) {
      let n = read(client, &buffer, buffer.count)
      guard n > 0 else { break }
      request.append(contentsOf: buffer[0..<n])
    }
    let line = String(decoding: request, as: UTF8.self).split(separator: "\r\n").first ?? ""
    let parts = line.split(separator: " ")
    let target = parts.count > 1 ? String(parts[1]) : "/"
    lock.withLock { _requests.append(target) }
    let response = handler(target)
    var head = "HTTP/1.1 \(response.status) \(response.status == 200 ? "OK" : "Error")\r\n"
    head += "Content-Length: \(response.body.count)\r\nConnection: close\r\n"
    head += "Content-Type: application/json\r\n"
    for (k, v) in response.headers { head += "\(k): \(v)\r\n" }
    head += "\r\n"
    var out = Data(head.utf8)
    out.append(response.body)
    out.withUnsafeBytes { raw in
      var sent = 0
      while sent < raw.count {
        #if canImport(Glibc)
          let n = send(client, raw.baseAddress! + sent, raw.count - sent, Int32(MSG_NOSIGNAL))
        #else
          let n = write(client, raw.baseAddress! + sent, raw.count - sent)
        #endif
        if n <= 0 { break }
        sent += n
      }
    }
  }
}
