import Foundation
import Hummingbird

/// The dashboard's stylesheet and script, read once from the module's resources and served with
/// a long cache lifetime (the URL carries the content's hash, so a new build gets a new URL).
struct StaticFiles: Sendable {
    struct File: Sendable {
        let bytes: ByteBuffer
        let contentType: String
    }

    let files: [String: File]
    /// `?v=` suffix for links: a hash of all files, so browsers fetch them again after an upgrade.
    let version: String

    static func load() throws -> StaticFiles {
        guard let directory = Bundle.module.url(forResource: "Static", withExtension: nil) else {
            throw DashboardSetupError(message: "The dashboard's static files are missing from the WebServer resources.")
        }
        var files: [String: File] = [:]
        var digest: UInt64 = 0xcbf2_9ce4_8422_2325
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() {
            let data = try Data(contentsOf: directory.appendingPathComponent(name))
            let type = name.hasSuffix(".css") ? "text/css; charset=utf-8" : name.hasSuffix(".js") ? "text/javascript; charset=utf-8" : "application/octet-stream"
            files[name] = File(bytes: ByteBuffer(bytes: data), contentType: type)
            for byte in data { digest = (digest ^ UInt64(byte)) &* 0x100_0000_01b3 }
        }
        return StaticFiles(files: files, version: String(digest, radix: 36))
    }

    func register(on router: Router<AppRequestContext>) {
        let files = files
        router.get("/static/:name") { _, context in
            guard let name = context.parameters.get("name"), let file = files[name] else { throw HTTPError(.notFound) }
            var headers = HTTPFields()
            headers[.contentType] = file.contentType
            headers[.cacheControl] = "public, max-age=31536000, immutable"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: file.bytes))
        }
    }
}
