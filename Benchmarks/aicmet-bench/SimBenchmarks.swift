import Foundation
import PKData
import PKSim

/// Simulator benchmarks (issue 4): synthetic studies per second per core, measured as thread CPU time
/// (wall time is also shown; on a shared machine it is longer). The bar: ≥ 5,000 studies/s per core for the
/// default prior with 10 subjects, 15 samples per subject and time-varying (OU) parameters.
func runSimulatorBenchmarks() {
    print("== PKSim: synthetic studies per second (one core, thread CPU time) ==")
    var dense = BuiltinPriors.defaultPrior
    dense.sparseProbability = 0
    dense.carryOverProbability = 0
    dense.randomisedGridProbability = 1      // 15 points per subject (the canonical grid is clipped by the horizon)
    var denseRK = dense
    denseRK.engine = "rk45"
    let cases: [(String, StructuralPrior, Int)] = [
        ("default, 15 samples, exact piecewise", StructuralPrior(config: dense, adapters: BuiltinPriors.adapters), 4000),
        ("default, 15 samples, RK45", StructuralPrior(config: denseRK, adapters: BuiltinPriors.adapters), 600),
        ("default as shipped (30 % sparse)", BuiltinPriors.prior("default")!, 4000),
        ("two-compartment+metabolite (RK45)", BuiltinPriors.prior("two-compartment+metabolite")!, 600),
    ]
    for (label, prior, n) in cases {
        var rng = SeededGenerator(seed: 2026)
        var samples = 0
        let (cpu, wall) = simMeasure {
            for _ in 0..<n {
                let s = prior.sampleStudy(subjects: 10, rng: &rng)
                for subject in s.subjects { samples += subject.observations.count }
            }
        }
        let rate = Double(n) / cpu
        let verdict = label.hasPrefix("default, 15 samples, exact") ? (rate >= 5000 ? "  [bar ≥ 5,000: met]" : "  [bar ≥ 5,000: NOT met]") : ""
        print("  " + simPad(label) + String(format: "%9.0f studies/s  (wall %7.0f/s, %.1f obs/subject)",
                                              rate, Double(n) / wall, Double(samples) / Double(n * 10)) + verdict)
    }
    // All cores: independent generators per worker.
    let workers = ProcessInfo.processInfo.activeProcessorCount
    let perWorker = 2000
    let prior = StructuralPrior(config: dense, adapters: BuiltinPriors.adapters)
    let start = Date()
    DispatchQueue.concurrentPerform(iterations: workers) { w in
        var rng = SeededGenerator(seed: UInt64(100 + w))
        for _ in 0..<perWorker { _ = prior.sampleStudy(subjects: 10, rng: &rng) }
    }
    let wall = Date().timeIntervalSince(start)
    print("  " + simPad("default, dense, all cores") + String(format: "%9.0f studies/s  (%d threads, wall clock)",
                                                             Double(workers * perWorker) / wall, workers))

    print("== PKSim: one subject profile (15 samples, 3 oral doses, OU parameters, 2 compartments) ==")
    var rng = SeededGenerator(seed: 7)
    let times = SamplingDesign(tPeak: 1.5, tHalf: 6, horizon: 48).canonical()
    let base = PKParameters(ka: 1, ke: 0.1, v: 20, peripherals: [Peripheral(k1p: 0.3, kp1: 0.1)])
    let path = OUProcess(rate: 0.2, stationaryVariance: 0.05).parameterPath(base: base, times: times, rng: &rng)
    let inputs = InputEvent.events(for: (0..<3).map { Dose(time: Double($0) * 12, amount: 1, route: .oral) }, f: 1, lag: 0)
    var sink = 0.0
    let nExact = 20_000, nRK = 2_000
    let (cpuExact, _) = simMeasure { for _ in 0..<nExact { sink += LinearPropagator.concentrations(path: path, inputs: inputs, times: times)[5] } }
    let (cpuRK, _) = simMeasure { for _ in 0..<nRK { sink += RK45Simulator.concentrations(path: path, inputs: inputs, times: times)[0][5] } }
    print(String(format: "  exact piecewise closed form   %8.2f µs", cpuExact / Double(nExact) * 1e6))
    print(String(format: "  RK45 (rtol 1e-9)              %8.2f µs", cpuRK / Double(nRK) * 1e6))
    if sink.isNaN { print("unreachable") }
}

private func simPad(_ s: String) -> String { s.count >= 46 ? s + " " : s + String(repeating: " ", count: 46 - s.count) }

/// (thread CPU seconds, wall seconds) of running `body`.
private func simMeasure(_ body: () -> Void) -> (Double, Double) {
    var a = timespec(), b = timespec()
    let w0 = Date()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &a)
    body()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &b)
    let cpu = Double(b.tv_sec - a.tv_sec) + Double(b.tv_nsec - a.tv_nsec) * 1e-9
    return (cpu, Date().timeIntervalSince(w0))
}
