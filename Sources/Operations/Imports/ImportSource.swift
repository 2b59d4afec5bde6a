import Foundation

/// Where CSV text comes from: a file (streamed, never read whole) or text in memory (tests, API).
public enum ImportSource: Sendable {
    case file(path: String)
    case text(String, name: String = "inline.csv")

    /// The name deterministic event ids are derived from: the file's last path component.
    public var name: String {
        switch self {
        case .file(let path): URL(fileURLWithPath: path).lastPathComponent
        case .text(_, let name): name
        }
    }

    /// Size in bytes, for progress (0 when unknown).
    public var byteCount: Int64 {
        switch self {
        case .file(let path):
            ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.int64Value ?? 0
        case .text(let text, _): Int64(text.utf8.count)
        }
    }
}
