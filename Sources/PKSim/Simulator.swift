import Foundation
import PKData

/// Entry point of the simulator: picks the exact piecewise closed form (`LinearPropagator`) when the model
/// has no metabolite and at most 3 peripherals, and RK45 otherwise; expands steady-state doses.
public enum Simulator {
    /// Concentrations per output (0 = parent, 1 = metabolite when present) at `times`.
    public static func concentrations(path: ParameterPath, inputs: [InputEvent], times: [Double]) -> [[Double]] {
        if path.first.metabolite == nil && path.first.peripherals.count <= MammillaryModes.maxPeripherals {
            return [LinearPropagator.concentrations(path: path, inputs: inputs, times: times)]
        }
        return RK45Simulator.concentrations(path: path, inputs: inputs, times: times)
    }

    /// Noise-free concentrations per output of explicit doses (steady-state doses expanded) with constant
    /// or piecewise-constant parameters.
    public static func concentrations(path: ParameterPath, doses: [Dose], times: [Double]) -> [[Double]] {
        let expanded = expandSteadyState(doses, parameters: path.first)
        let p = path.first
        return concentrations(path: path, inputs: InputEvent.events(for: expanded, parameters: p), times: times)
    }

    public static func concentrations(_ p: PKParameters, doses: [Dose], times: [Double]) -> [[Double]] {
        concentrations(path: ParameterPath(constant: p), doses: doses, times: times)
    }

    /// Replaces each steady-state dose (SS = 1, interval II > 0) by the train of identical earlier doses at
    /// time − k·II (k = 1…K) plus itself, K large enough that the omitted tail is < 1e-12 of the response
    /// (from the slowest rate of `parameters`: disposition, absorption, metabolite). Capped at 100,000 doses.
    public static func expandSteadyState(_ doses: [Dose], parameters p: PKParameters) -> [Dose] {
        guard doses.contains(where: { $0.steadyState && $0.interval > 0 }) else { return doses }
        // The slowest disposition rate: the eigenvalue of the disposition block closest to 0.
        var slowest = -MammillaryModes.secularRoots(ke: p.ke, k1p: p.peripherals.map(\.k1p), kp1: p.peripherals.map(\.kp1)).last!
        slowest = min(slowest, p.ka)
        if let m = p.metabolite { slowest = min(slowest, m.kem) }
        var out: [Dose] = []
        for d in doses {
            guard d.steadyState && d.interval > 0 else { out.append(d); continue }
            let k = min(100_000, Int((log(1e12) / (slowest * d.interval)).rounded(.up)) + 1)
            for j in stride(from: k, through: 1, by: -1) {
                var e = d; e.steadyState = false; e.row = nil; e.time = d.time - Double(j) * d.interval
                out.append(e)
            }
            var e = d; e.steadyState = false
            out.append(e)
        }
        return out.enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }.map(\.element)
    }
}
