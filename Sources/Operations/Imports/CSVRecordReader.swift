import CSV
import Foundation

/// One data record of a CSV file, with the physical line it starts on.
struct CSVRecord {
    /// 1-based among data records (the header is not counted).
    let number: Int
    /// 1-based physical line of the record's first character; the header is line 1. A quoted
    /// field spanning lines makes the following records start further down, as an editor shows.
    let line: Int
    let fields: [String]
    let columns: [String: Int]
    /// Column names as the header writes them, by their lowercased form.
    let names: [String: String]

    /// The column's name as the file writes it (for messages).
    func name(_ column: String) -> String { names[column] ?? column }

    /// The trimmed value of a column, or nil when the column is absent or the value empty.
    func value(_ column: String) -> String? {
        guard let index = columns[column], index < fields.count else { return nil }
        let text = fields[index].trimmingCharacters(in: .whitespaces)
        return text.isEmpty ? nil : text
    }
}

/// Streams the records of a CSV source through yaslab/CSV.swift, tracking line numbers and an
/// estimate of the bytes consumed (exact unless fields were quoted without needing it).
/// Column names are matched trimmed and lowercased.
final class CSVRecordReader {
    let columns: [String: Int]
    let names: [String: String]
    /// The header's names, trimmed and lowercased, in file order.
    let header: [String]
    private let reader: CSVReader
    /// The file's stream, to tell the end of the file from a read error.
    private let stream: InputStream?
    private(set) var bytesRead: Int64 = 0
    private var nextLine = 2
    private var count = 0

    init(_ source: ImportSource) throws {
        switch source {
        case .file(let path):
            guard FileManager.default.fileExists(atPath: path) else { throw Self.unreadable("No file \(path).") }
            guard let stream = InputStream(fileAtPath: path) else { throw Self.unreadable("Cannot open \(path).") }
            do { reader = try CSVReader(stream: stream) } catch { throw Self.unreadable("Cannot read \(path).") }
            self.stream = stream
        case .text(let text, _):
            reader = try CSVReader(string: text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text)
            stream = nil
        }
        guard let first = reader.next(), first != [""] else { throw Self.unreadable("The file is empty: no header row.") }
        try Self.check(reader, stream)
        let written = first.map { $0.trimmingCharacters(in: .whitespaces) }
        header = written.map { $0.lowercased() }
        var columns: [String: Int] = [:], names: [String: String] = [:]
        for (index, name) in header.enumerated() where columns[name] == nil {
            columns[name] = index
            names[name] = written[index]
        }
        self.columns = columns
        self.names = names
        bytesRead = Self.bytes(first)
        nextLine = 2 + Self.lineBreaks(first)
    }

    /// The next non-blank record, or nil at the end of the file.
    func next() throws -> CSVRecord? {
        while let fields = reader.next() {
            try checkError()
            let line = nextLine
            nextLine += 1 + Self.lineBreaks(fields)
            bytesRead += Self.bytes(fields)
            if fields.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            count += 1
            return CSVRecord(number: count, line: line, fields: fields, columns: columns, names: names)
        }
        try checkError()
        return nil
    }

    /// Throws the reader's error, except the one CSV.swift reports on Linux at the end of a file
    /// stream (`cannotReadFile` once the stream is at its end).
    private func checkError() throws { try Self.check(reader, stream) }

    private static func check(_ reader: CSVReader, _ stream: InputStream?) throws {
        guard let error = reader.error else { return }
        if case CSVError.cannotReadFile = error, stream?.streamStatus == .atEnd { return }
        if case CSVError.unicodeDecoding = error { throw Self.unreadable("The file is not UTF-8 text.") }
        throw Self.unreadable("Cannot read the file (\(error)).")
    }

    /// Line breaks inside quoted fields (CRLF counts once).
    static func lineBreaks(_ fields: [String]) -> Int {
        var breaks = 0
        for field in fields {
            var previousCR = false
            for scalar in field.unicodeScalars {
                if scalar == "\n" {
                    if !previousCR { breaks += 1 }
                } else if scalar == "\r" {
                    breaks += 1
                }
                previousCR = scalar == "\r"
            }
        }
        return breaks
    }

    /// The record's size as written: fields, delimiters, quotes where required, one line break.
    static func bytes(_ fields: [String]) -> Int64 {
        var total = fields.count
        for field in fields {
            total += field.utf8.count
            if field.utf8.contains(where: { $0 == 44 || $0 == 34 || $0 == 10 || $0 == 13 }) {
                total += 2 + field.utf8.reduce(0) { $0 + ($1 == 34 ? 1 : 0) }
            }
        }
        return Int64(total)
    }

    static func unreadable(_ message: String) -> OperationsError {
        .invalid(code: "unreadable_file", field: "file", message: message)
    }
}
