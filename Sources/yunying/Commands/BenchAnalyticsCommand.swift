import ArgumentParser
import Foundation
import Insights

/// `yunying bench analytics --data DIR [--json]`: the Insights funnel and retention engines on
/// the column files that `scripts/analytics-reference/duckdb_bench.py --out DIR` writes, answering
/// the same two questions as the DuckDB reference (scripts/bench-analytics.sh compares them):
///
/// - the ordered 4-step funnel page_view → product_view → add_to_cart → order_paid, 7-day window,
///   over the whole range of the data;
/// - the weekly bounded retention matrix by first event, weeks = ISO weeks (Monday) in UTC, i.e.
///   `(ts + 259200000) // 604800000` (weeks since Monday 1969-12-29), with the checksum
///   `sum of (cohort_week * 1000 + n) * retained` of the Python script.
///
/// One thread, best of `--runs` (3) for each timing, like DuckDB with `SET threads = 1`.
struct BenchAnalyticsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analytics",
        abstract: "Insights funnel and retention on duckdb_bench.py's column files (see scripts/bench-analytics.sh).")

    @Option(help: "Directory with person.i32, ts.i64, type.u8 and meta.json (duckdb_bench.py --out).") var data: String
    @Flag(help: "Print one JSON object.") var json = false
    @Option(help: "Runs per timing; the best is reported.") var runs: Int = 3

    func run() async throws {
        let report = try AnalyticsBench.run(directory: data, runs: max(1, runs))
        if json {
            say(try report.json())
        } else {
            for line in report.lines() { say(line) }
        }
    }
}

// MARK: - AnalyticsBench (plain Foundation + Insights, no ArgumentParser)

/// Loading, timing and reporting of `yunying bench analytics`.
enum AnalyticsBench {
    struct DataError: Error, CustomStringConvertible {
        var description: String
    }

    /// The raw columns of duckdb_bench.py (rows in arrival order: equal timestamps by row).
    struct Columns {
        var person: [Int32]
        var time: [Int64]
        var type: [UInt8]
        var people: Int
        var weekRule: String?
    }

    struct Timing {
        var best: Double
        var runs: [Double]
    }

    struct Report {
        var events: Int
        var people: Int
        var loadSeconds: Double
        var build: Timing
        var frameBytes: Int
        var sessions: Int
        var funnelCounts: [Int]
        var funnelMedianMs: Double?
        var funnel: Timing
        var firstWeek: Int
        var lastWeek: Int
        /// Cohort week → retained at n = 0 … lastWeek − cohort (cohorts with people only).
        var matrix: [Int: [Int]]
        var checksum: Int
        var retention: Timing
        var dataWeekRule: String?

        var bytesPerEvent: Double { events == 0 ? 0 : Double(frameBytes) / Double(events) }

        func lines() -> [String] {
            var out: [String] = []
            out.append("Insights, 1 thread, \(events) events, \(people) people (best of \(build.runs.count))")
            out.append(String(format: "load columns        %.3f s", loadSeconds))
            out.append(String(format: "frame build         %.3f s   %d bytes = %.2f bytes/event, %d sessions",
                              build.best, frameBytes, bytesPerEvent, sessions))
            out.append(String(format: "funnel (ordered 4-step, 7 d)   %.4f s", funnel.best) + "   runs " + AnalyticsBench.format(funnel.runs))
            out.append("  counts \(funnelCounts)")
            out.append(String(format: "retention (weekly bounded)    %.4f s", retention.best) + "   runs " + AnalyticsBench.format(retention.runs))
            out.append("  weeks \(firstWeek)…\(lastWeek) (\(AnalyticsBench.weekRule)), checksum \(checksum)")
            if let rule = dataWeekRule, rule != AnalyticsBench.weekRule {
                out.append("  note: meta.json names the week rule \(rule); this benchmark uses \(AnalyticsBench.weekRule)")
            }
            return out
        }

        func json() throws -> String {
            var funnelObject: [String: Any] = [
                "steps": AnalyticsBench.funnelSteps.map { Int($0.rawValue) }, "window_ms": AnalyticsBench.windowMs,
                "mode": "ordered", "counts": funnelCounts, "best_s": funnel.best, "runs_s": funnel.runs,
            ]
            if let funnelMedianMs { funnelObject["median_time_to_convert_ms"] = funnelMedianMs }
            let object: [String: Any] = [
                "engine": "insights", "threads": 1, "events": events, "people": people,
                "load_s": loadSeconds,
                "frame": ["build_best_s": build.best, "build_runs_s": build.runs, "bytes": frameBytes,
                          "bytes_per_event": bytesPerEvent, "sessions": sessions] as [String: Any],
                "funnel": funnelObject,
                "retention": [
                    "week": AnalyticsBench.weekRule, "kind": "bounded", "first_week": firstWeek, "last_week": lastWeek,
                    "matrix": Dictionary(uniqueKeysWithValues: matrix.map { (String($0.key), $0.value) }),
                    "checksum": checksum, "checksum_rule": "sum of (cohort_week * 1000 + n) * retained",
                    "best_s": retention.best, "runs_s": retention.runs,
                ] as [String: Any],
            ]
            let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            return String(decoding: data, as: UTF8.self)
        }
    }

    static let funnelSteps: [StandardEvent] = [.pageView, .productView, .addToCart, .orderPaid]
    static let windowMs: Int64 = 7 * 86_400_000
    static let weekRule = "(ts + 259200000) // 604800000"

    static func format(_ runs: [Double]) -> String {
        "[" + runs.map { String(format: "%.4f", $0) }.joined(separator: ", ") + "]"
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    /// Best of `runs` wall-clock times of `body`, and its last result.
    static func best<T>(_ runs: Int, _ body: () -> T) -> (Timing, T) {
        var times: [Double] = []
        var result: T? = nil
        let clock = ContinuousClock()
        for _ in 0..<runs {
            let start = clock.now
            result = body()
            times.append(seconds(clock.now - start))
        }
        return (Timing(best: times.min() ?? 0, runs: times), result!)
    }

    /// A little-endian column file of `count` values.
    static func column<T: FixedWidthInteger>(_ url: URL, count: Int, as: T.Type) throws -> [T] {
        let data = try Data(contentsOf: url)
        let size = MemoryLayout<T>.size
        guard data.count == count * size else {
            throw DataError(description: "\(url.lastPathComponent): \(data.count) bytes, expected \(count) × \(size)")
        }
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            data.withUnsafeBytes { raw in
                for i in 0..<count {
                    buffer[i] = T(littleEndian: raw.loadUnaligned(fromByteOffset: i * size, as: T.self))
                }
            }
            initialized = count
        }
    }

    static func load(directory: String) throws -> Columns {
        let dir = URL(fileURLWithPath: directory, isDirectory: true)
        let metaData: Data
        do {
            metaData = try Data(contentsOf: dir.appendingPathComponent("meta.json"))
        } catch {
            throw DataError(description: "no meta.json in \(directory): run duckdb_bench.py --out \(directory) first")
        }
        guard let meta = try JSONSerialization.jsonObject(with: metaData) as? [String: Any],
              let events = (meta["events"] as? NSNumber)?.intValue, events >= 0 else {
            throw DataError(description: "meta.json: no event count")
        }
        let person = try column(dir.appendingPathComponent("person.i32"), count: events, as: Int32.self)
        let time = try column(dir.appendingPathComponent("ts.i64"), count: events, as: Int64.self)
        let type = try column(dir.appendingPathComponent("type.u8"), count: events, as: UInt8.self)
        // People: ids 0 ..< people (meta.json, or one more than the largest id).
        var maxPerson: Int32 = -1
        for p in person {
            guard p >= 0 else { throw DataError(description: "person.i32: negative id \(p)") }
            if p > maxPerson { maxPerson = p }
        }
        let people = max(Int(maxPerson) + 1, (meta["people"] as? NSNumber)?.intValue ?? 0)
        let weekRule = (meta["retention"] as? [String: Any])?["week"] as? String
        return Columns(person: person, time: time, type: type, people: people, weekRule: weekRule)
    }

    static func run(directory: String, runs: Int) throws -> Report {
        let clock = ContinuousClock()
        let loadStart = clock.now
        let columns = try load(directory: directory)
        let loadSeconds = seconds(clock.now - loadStart)
        guard let minTime = columns.time.min(), let maxTime = columns.time.max() else {
            throw DataError(description: "no events")
        }

        // Frame from the integer columns (rows are arrival order; sorted by person, time, arrival).
        let (build, frame) = best(runs) {
            EventFrame(personCount: columns.people, person: columns.person, time: columns.time, type: columns.type)
        }

        // The whole range of the data: [first instant, last instant + 1 ms).
        let from = minTime, to = maxTime + 1
        let funnelQuery = FunnelQuery(
            steps: funnelSteps.map { FunnelStep($0) }, from: from, to: to, windowMs: windowMs, mode: .ordered)
        let (funnelTiming, funnelResult) = best(runs) { funnelQuery.run(on: frame) }

        // Weekly bounded retention by first event. ShopCalendar weeks are ISO weeks (Monday) in the
        // shop's zone, numbered since Monday 1969-12-29: in UTC exactly (ts + 3 days) // 1 week.
        guard let utc = TimeZone(identifier: "UTC") else { throw DataError(description: "no UTC time zone") }
        let retentionQuery = RetentionQuery(
            calendar: ShopCalendar(timeZone: utc), period: .week, from: from, to: to,
            cohort: .firstEvent, returnType: nil, mode: .bounded)
        let (retentionTiming, matrix) = best(runs) { retentionQuery.run(on: frame) }

        var cells: [Int: [Int]] = [:]
        var checksum = 0
        for row in matrix.cohorts where row.size > 0 {
            let cohort = Int(row.bucket)
            cells[cohort] = row.retained
            for (n, retained) in row.retained.enumerated() { checksum += (cohort * 1000 + n) * retained }
        }
        let firstWeek = Int(matrix.cohorts.first?.bucket ?? 0)
        let lastWeek = Int(matrix.cohorts.last?.bucket ?? 0)

        return Report(
            events: frame.eventCount, people: frame.personCount, loadSeconds: loadSeconds, build: build,
            frameBytes: frame.memoryBytes, sessions: frame.sessionCount, funnelCounts: funnelResult.counts,
            funnelMedianMs: funnelResult.medianTimeToConvertMs, funnel: funnelTiming,
            firstWeek: firstWeek, lastWeek: lastWeek, matrix: cells, checksum: checksum,
            retention: retentionTiming, dataWeekRule: columns.weekRule)
    }
}
