import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Errors of the system-test harness itself (not of the server under test).
struct HarnessError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A temporary directory with a database, the built `yunying` binary, and every server process
/// started from it. `cleanUp()` stops the servers (SIGTERM, then SIGKILL) and removes the directory;
/// tests call it on success and on failure.
final class SystemHarness: Sendable {
    let binary: URL
    let directory: URL
    var database: String { directory.appendingPathComponent("shop.sqlite").path }
    /// How commands name the database: the SQLite file above, or a PostgreSQL URL.
    let databaseArguments: [String]
    private let servers = Mutex<[ServerProcess]>([])
    private let sequence = Atomic<Int>(0)

    /// - Parameter databaseURL: a PostgreSQL URL every command and server uses instead of a SQLite file.
    init(databaseURL: String? = nil) throws {
        binary = try Self.locateBinary()
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("yunying-system-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        databaseArguments = databaseURL.map { ["--database-url", $0] } ?? ["--db", directory.appendingPathComponent("shop.sqlite").path]
    }

    /// The `yunying` executable SwiftPM builds next to the test bundle (`.build/<triple>/debug/yunying`).
    /// `YUNYING_BINARY` overrides the search.
    static func locateBinary() throws -> URL {
        let files = FileManager.default
        if let override = ProcessInfo.processInfo.environment["YUNYING_BINARY"] {
            return URL(fileURLWithPath: override)
        }
        var starts: [URL] = [URL(fileURLWithPath: CommandLine.arguments[0])]
        if let executable = Bundle.main.executableURL { starts.append(executable) }
        starts.append(URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath())
        starts += Bundle.allBundles.map(\.bundleURL)
        for start in starts {
            var folder = start.standardizedFileURL.deletingLastPathComponent()
            for _ in 0..<5 {
                let candidate = folder.appendingPathComponent("yunying")
                var isDirectory: ObjCBool = false
                if files.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue,
                   files.isExecutableFile(atPath: candidate.path) {
                    return candidate
                }
                folder = folder.deletingLastPathComponent()
            }
        }
        throw HarnessError("yunying binary not found near \(starts.map(\.path)); set YUNYING_BINARY")
    }

    /// Runs a `yunying` subcommand to completion and returns its standard output.
    func run(_ arguments: [String], timeout: Duration = .seconds(60)) async throws -> String {
        let number = sequence.add(1, ordering: .relaxed).newValue
        let output = directory.appendingPathComponent("command-\(number).out")
        let child = try Self.launch(binary, arguments, log: output)
        guard let exit = await child.waitForExit(timeout: timeout) else {
            child.signal(SIGKILL)
            _ = await child.waitForExit(timeout: .seconds(5))
            throw HarnessError("yunying \(arguments.joined(separator: " ")) did not finish within \(timeout)")
        }
        let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        guard exit.isCleanExit else {
            throw HarnessError("yunying \(arguments.joined(separator: " ")) failed (\(exit)):\n\(text)")
        }
        return text
    }

    /// Migrates the database and returns a new admin API key.
    func prepareDatabase() async throws -> String {
        _ = try await run(["migrate"] + databaseArguments)
        let output = try await run(["keys", "create", "--role", "admin"] + databaseArguments)
        guard let key = output.split(whereSeparator: \.isNewline).last.map(String.init), !key.isEmpty else {
            throw HarnessError("no key in: \(output)")
        }
        return key.trimmingCharacters(in: .whitespaces)
    }

    /// Starts `yunying serve` on a free loopback port and waits until `/healthz` answers.
    func startServer(session: URLSession, extraArguments: [String] = []) async throws -> ServerProcess {
        var problems: [String] = []
        for _ in 0..<5 {
            let port = Self.freePort()
            let number = sequence.add(1, ordering: .relaxed).newValue
            let log = directory.appendingPathComponent("serve-\(number).log")
            let child = try Self.launch(binary, ["serve", "--port", "\(port)"] + databaseArguments + extraArguments, log: log)
            let server = ServerProcess(child, port: port, log: log)
            servers.withLock { $0.append(server) }
            if try await server.waitUntilHealthy(session: session, timeout: .seconds(60)) {
                return server
            }
            problems.append("port \(port): \(server.logTail())")
            await server.stop()
        }
        throw HarnessError("server did not become healthy:\n\(problems.joined(separator: "\n"))")
    }

    /// Stops every server still running and removes the temporary directory.
    /// Runs `body` with a fresh harness and HTTP session, cleaning both up whether it passes or throws.
    static func withServerSession(databaseURL: String? = nil, _ body: (SystemHarness, URLSession) async throws -> Void) async throws {
        let harness = try SystemHarness(databaseURL: databaseURL)
        let session = APIClient.makeSession()
        do {
            try await body(harness, session)
        } catch {
            await harness.cleanUp()
            session.invalidateAndCancel()
            throw error
        }
        await harness.cleanUp()
        session.invalidateAndCancel()
    }

    func cleanUp() async {
        for server in servers.withLock({ $0 }) {
            await server.stop()
        }
        try? FileManager.default.removeItem(at: directory)
    }

    /// Starts `binary` with its output and errors going to `log`. Spawned with `posix_spawn`
    /// rather than Foundation's `Process`: `Process.run()` on Linux intermittently crashes reading
    /// past a `dirent` while it closes inherited descriptors (swift-corelibs-foundation #5472,
    /// seen here as a SIGSEGV in `memcpy` under `Process.run`).
    static func launch(_ binary: URL, _ arguments: [String], log: URL) throws -> ChildProcess {
        let output = open(log.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard output >= 0 else { throw HarnessError("cannot open \(log.path)") }
        defer { close(output) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, output, 1)
        posix_spawn_file_actions_adddup2(&actions, output, 2)
        let argv = ([binary.path] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, binary.path, &actions, nil, argv, environ)
        guard result == 0 else { throw HarnessError("cannot start \(binary.path): error \(result)") }
        return ChildProcess(pid: pid)
    }

    /// A random high port that nothing is bound to at the moment of asking.
    static func freePort() -> Int {
        for _ in 0..<50 {
            let port = Int.random(in: 20_000...60_000)
            if isFree(port) { return port }
        }
        return Int.random(in: 20_000...60_000)
    }

    static func isFree(_ port: Int) -> Bool {
        #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        return result == 0
    }
}

/// How a child process ended.
struct ProcessExit: Sendable, CustomStringConvertible {
    let signalled: Bool
    let status: Int32

    var isCleanExit: Bool { !signalled && status == 0 }
    var description: String { signalled ? "killed by signal \(status)" : "exit status \(status)" }
}

/// A spawned child, polled with `waitpid` from any task; its exit is kept once reaped.
final class ChildProcess: Sendable {
    let pid: pid_t
    private let reaped = Mutex<ProcessExit?>(nil)

    init(pid: pid_t) {
        self.pid = pid
    }

    /// The exit, once the process has ended.
    var exit: ProcessExit? {
        reaped.withLock { reaped in
            if let reaped { return reaped }
            var status: Int32 = 0
            guard waitpid(pid, &status, WNOHANG) == pid else { return nil }
            // WIFSIGNALED / WTERMSIG / WEXITSTATUS, which Swift does not import as functions.
            let signal = status & 0x7f
            let exit = signal != 0 && signal != 0x7f
                ? ProcessExit(signalled: true, status: signal)
                : ProcessExit(signalled: false, status: (status >> 8) & 0xff)
            reaped = exit
            return exit
        }
    }

    func signal(_ number: Int32) {
        if exit == nil { _ = kill(pid, number) }
    }

    /// Polls until the process ends, or nil after `timeout`.
    func waitForExit(timeout: Duration) async -> ProcessExit? {
        let deadline = ContinuousClock.now + timeout
        while true {
            if let exit { return exit }
            if ContinuousClock.now >= deadline { return nil }
            try? await Task.sleep(for: .milliseconds(20))
        }
    }
}

/// A running `yunying serve`.
final class ServerProcess: Sendable {
    let child: ChildProcess
    let port: Int
    let log: URL

    init(_ child: ChildProcess, port: Int, log: URL) {
        self.child = child
        self.port = port
        self.log = log
    }

    var pid: pid_t { child.pid }
    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// True once `/healthz` answers 200; false if the process exits first or `timeout` passes.
    func waitUntilHealthy(session: URLSession, timeout: Duration) async throws -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if child.exit != nil { return false }
            var request = URLRequest(url: URL(string: baseURL + "/healthz")!)
            request.timeoutInterval = 2
            if let (_, response) = try? await session.data(for: request), (response as? HTTPURLResponse)?.statusCode == 200 {
                return true
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        return false
    }

    /// SIGTERM, a bounded wait, then SIGKILL; never throws.
    func stop() async {
        guard child.exit == nil else { return }
        child.signal(SIGTERM)
        if await child.waitForExit(timeout: .seconds(10)) != nil { return }
        child.signal(SIGKILL)
        _ = await child.waitForExit(timeout: .seconds(10))
    }

    /// The last lines the server logged, for failure messages.
    func logTail(lines: Int = 30) -> String {
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? "(no log)"
        return text.split(whereSeparator: \.isNewline).suffix(lines).joined(separator: "\n")
    }
}

/// A reply: status code and raw body.
struct HTTPReply: Sendable {
    let status: Int
    let body: Data

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try JSONDecoder().decode(type, from: body)
    }

    var text: String { String(decoding: body, as: UTF8.self) }
}

/// A JSON API client whose target server can change (after a restart).
final class APIClient: Sendable {
    let session: URLSession
    let key: String
    private let base = Mutex<(url: String, generation: Int)>(("", 0))

    init(session: URLSession, key: String) {
        self.session = session
        self.key = key
    }

    /// Points the client at `server`; `generation` counts restarts.
    func target(_ server: ServerProcess, generation: Int) {
        base.withLock { $0 = (server.baseURL, generation) }
    }

    var generation: Int { base.withLock { $0.generation } }

    func send(_ method: String, _ path: String, json: String? = nil) async throws -> HTTPReply {
        var request = URLRequest(url: URL(string: base.withLock { $0.url } + path)!)
        request.httpMethod = method
        request.timeoutInterval = 10
        request.setValue("Bearer \(key)", forHTTPHeaderField: "Authorization")
        if let json {
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.httpBody = Data(json.utf8)
        }
        let (data, response) = try await session.data(for: request)
        guard let http = response as? HTTPURLResponse else { throw HarnessError("not an HTTP response") }
        return HTTPReply(status: http.statusCode, body: data)
    }

    static func makeSession() -> URLSession {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = 10
        configuration.timeoutIntervalForResource = 20
        configuration.httpMaximumConnectionsPerHost = 16
        return URLSession(configuration: configuration)
    }
}
