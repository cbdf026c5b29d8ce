import Foundation

/// Wall and CPU clocks plus a contention probe: the busy time other processes took on the CPUs
/// during a measurement (from /proc/stat, 10 ms resolution), so disturbed runs can be flagged.
struct BenchClock {
    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }

    static func processCPU() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }

    /// Busy seconds (all CPUs) since boot, from /proc/stat.
    static func busySeconds() -> Double {
        guard let text = try? String(contentsOfFile: "/proc/stat", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("cpu ") }) else { return 0 }
        let v = line.split(separator: " ").dropFirst().compactMap { Double($0) }
        guard v.count >= 5 else { return 0 }
        return (v.reduce(0, +) - v[3] - v[4]) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }
}

/// One timed sample: wall seconds, this process's CPU seconds, and CPU seconds other processes used.
struct Sample {
    let wall: Double
    let cpu: Double
    let other: Double
}

func measure(_ body: () -> Void) -> Sample {
    let b0 = BenchClock.busySeconds(), c0 = BenchClock.processCPU(), t0 = BenchClock.now()
    body()
    let wall = BenchClock.now() - t0
    let own = BenchClock.processCPU() - c0
    let other = max(0, BenchClock.busySeconds() - b0 - own)
    return Sample(wall: wall, cpu: own, other: other)
}

func median(_ xs: [Double]) -> Double {
    let s = xs.sorted()
    return s.isEmpty ? 0 : (s.count % 2 == 1 ? s[s.count / 2] : 0.5 * (s[s.count / 2 - 1] + s[s.count / 2]))
}

/// Median wall and CPU time over samples; "disturbed" when other processes took > 10 % of a CPU on average.
func summarize(_ samples: [Sample]) -> (median: Double, best: Double, cpu: Double, disturbed: Bool, otherLoad: Double) {
    let wall = samples.map(\.wall).reduce(0, +)
    let other = samples.map(\.other).reduce(0, +)
    let load = wall > 0 ? other / wall : 0
    return (median(samples.map(\.wall)), samples.map(\.wall).min() ?? 0, median(samples.map(\.cpu)), load > 0.1, load)
}
