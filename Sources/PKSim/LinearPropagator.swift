import Foundation

/// Exact simulation of the parent drug in a mammillary model (gut, central, 0 ≤ P ≤ 3 peripherals) whose
/// parameters are piecewise constant (`ParameterPath`): between consecutive events (inputs, parameter
/// switches, samples) the state is propagated with the closed-form solution of the linear system
/// (`MammillaryModes`: exp(A·Δ) plus the exact response to the gut's decaying input and to zero-order
/// rates), so the result equals the superposition of every dose's closed-form response when parameters
/// are constant. No metabolite and P ≤ 3 (use `RK45Simulator` for those). Error: a few ulps per step.
public enum LinearPropagator {
    /// Parent concentrations (central / V, V of the piece in force at that time) at `times` (any order).
    /// At a time shared with an input the sample is taken before the input (pre-dose sample).
    public static func concentrations(path: ParameterPath, inputs: [InputEvent], times: [Double]) -> [Double] {
        precondition(path.first.metabolite == nil, "LinearPropagator: metabolites need RK45Simulator")
        precondition(path.first.peripherals.count <= MammillaryModes.maxPeripherals, "LinearPropagator: at most 3 peripherals")
        var result = [Double](repeating: 0, count: times.count)
        if times.isEmpty { return result }
        let order: [Int] = times.isSorted(by: <=) ? Array(times.indices) : times.indices.sorted { times[$0] < times[$1] }
        let p = path.first.peripherals.count
        let n = p + 1

        var piece = 0
        var par = path.parameters[0]
        var modes = MammillaryModes(ke: par.ke, peripherals: par.peripherals)
        var d = SIMD4<Double>(repeating: 0)             // central, peripherals (amounts)
        var z = SIMD4<Double>(repeating: 0)             // modal coordinates scratch
        var gut = 0.0, rateGut = 0.0, rateCentral = 0.0
        var active = false                              // any input seen yet (state is zero before)
        var t = -Double.infinity
        var iIn = 0, iS = 0
        let starts = path.starts
        // The piece in force at the first event.
        let t0 = min(inputs.first?.time ?? .infinity, times[order[0]])
        piece = path.piece(at: t0)
        if piece != 0 { par = path.parameters[piece]; modes = MammillaryModes(ke: par.ke, peripherals: par.peripherals) }
        var iP = piece + 1

        while iS < order.count {
            let tIn = iIn < inputs.count ? inputs[iIn].time : .infinity
            let tP = iP < starts.count ? starts[iP] : .infinity
            let tS = times[order[iS]]
            let tn = min(tIn, tP, tS)
            // Propagate the state from t to tn with the current parameters and rates.
            if active && tn > t {
                let dt = tn - t
                let ka = par.ka
                let gutInput = ka * gut - rateGut
                for m in 0..<n {
                    let lam = modes.lambda[m]
                    var s = d[0]
                    for j in 0..<p { s += modes.left(m, j + 1) * d[j + 1] }
                    var zm = s * modes.weight[m] * exp(lam * dt)
                    if gutInput != 0 { zm += gutInput * modes.weight[m] * expDifference(lam, -ka, dt) }
                    let r = rateCentral + rateGut
                    if r != 0 { zm += r * modes.weight[m] * expm1Ratio(lam, dt) }
                    z[m] = zm
                }
                for j in 0..<n {
                    var s = 0.0
                    for m in 0..<n { s += z[m] * modes.right(m, j) }
                    d[j] = s
                }
                gut = gut * exp(-ka * dt) + (rateGut != 0 ? rateGut * expm1Ratio(-ka, dt) : 0)
            }
            t = tn
            // Events at tn: parameter switch, then samples, then inputs.
            if tP == tn {
                while iP < starts.count && starts[iP] <= tn { iP += 1 }
                piece = iP - 1
                par = path.parameters[piece]
                modes = MammillaryModes(ke: par.ke, peripherals: par.peripherals)
            }
            while iS < order.count && times[order[iS]] == tn {
                result[order[iS]] = active ? d[0] / par.v : 0
                iS += 1
            }
            while iIn < inputs.count && inputs[iIn].time == tn {
                let e = inputs[iIn]
                switch (e.target, e.kind) {
                case (.gut, .bolus(let a)): gut += a
                case (.central, .bolus(let a)): d[0] += a
                case (.gut, .rateChange(let r)): rateGut += r
                case (.central, .rateChange(let r)): rateCentral += r
                }
                active = true
                iIn += 1
            }
            if abs(rateGut) < 1e-300 { rateGut = 0 }
            if abs(rateCentral) < 1e-300 { rateCentral = 0 }
        }
        return result
    }
}
