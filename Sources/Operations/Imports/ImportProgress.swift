/// How far an import has got, reported after every record.
public struct ImportProgress: Sendable, Equatable {
    public enum Phase: String, Sendable {
        /// A first quick pass finding where each order ends (order imports only).
        case scanning
        case importing
    }

    public var phase: Phase
    public var rowsRead: Int
    /// Orders (or events, or ad spend rows) stored so far.
    public var stored: Int
    public var bytesRead: Int64
    public var totalBytes: Int64

    /// Share of the file read in this phase, 0…1 (0 when the size is unknown).
    public var fraction: Double {
        totalBytes > 0 ? min(1, Double(bytesRead) / Double(totalBytes)) : 0
    }
}
