import Foundation

/// Op kinds, for the profiler's breakdown.
public enum OpKind: String, CaseIterable, Sendable {
    case elementwise, reduction, shape, matmul, bmm, linear, softmax, layerNorm, gru, attention, other
}

/// A coarse profiler for benchmarks: thread CPU time per op kind (forward and backward, sgemm time excluded and
/// reported separately), tape bookkeeping, and named sections (`time(_:_:)`).
///
/// Global state, by exception: enable it only while a single thread runs ops (benchmark use);
/// when disabled (the default) it costs one flag check per op.
public enum OpProfiler {
    nonisolated(unsafe) public static var isEnabled = false
    nonisolated(unsafe) static var seconds: [String: Double] = [:]
    nonisolated(unsafe) static var gemmSeconds: Double = 0

    /// This thread's CPU time (immune to other processes taking the core while we wait).
    @inline(__always)
    public static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }

    static func add(_ key: String, _ s: Double) { seconds[key, default: 0] += s }

    public static func reset() {
        seconds = [:]
        gemmSeconds = 0
    }

    /// Times `body` under `key` (when enabled).
    public static func time<T>(_ key: String, _ body: () throws -> T) rethrows -> T {
        guard isEnabled else { return try body() }
        let t0 = now()
        defer { add(key, now() - t0) }
        return try body()
    }

    /// Seconds recorded per key so far (keys: "sgemm <kind>", "forward <kind>", "backward <kind>"
    /// (both without sgemm), "tape bookkeeping", and named sections).
    public static var totals: [String: Double] { seconds }

    /// A table of the totals as shares of `total` seconds, largest first.
    public static func report(total: Double) -> String {
        let rows = totals.filter { $0.value > 0 }.sorted { $0.value > $1.value }
        func line(_ key: String, _ value: Double) -> String {
            "  " + key.padding(toLength: 30, withPad: " ", startingAt: 0)
                + String(format: "%8.1f ms  %5.1f %%", value * 1000, 100 * value / total)
        }
        var lines = rows.map { line($0.key, $0.value) }
        let accounted = rows.map(\.value).reduce(0, +)
        let gemm = rows.filter { $0.key.hasPrefix("sgemm") }.map(\.value).reduce(0, +)
        lines.append(line("unaccounted (glue)", total - accounted))
        lines.append(line("= all sgemm", gemm))
        return lines.joined(separator: "\n")
    }
}
