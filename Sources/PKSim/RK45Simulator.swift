/// Simulation of the general compartment model (any number of peripherals, metabolite, piecewise-constant
/// time-varying parameters, boluses, zero-order inputs into gut or central) by adaptive RK45 with dense
/// output at the sampling times, restarted at every discontinuity (inputs, parameter switches).
/// Same event conventions as `LinearPropagator`: at a shared time the parameter switch comes first, then
/// the sample, then the input (pre-dose samples).
public enum RK45Simulator {
    /// Concentrations per output (0 = parent = central/V, 1 = metabolite/Vm when present) at `times`.
    public static func concentrations(path: ParameterPath, inputs: [InputEvent], times: [Double],
                                      integrator: RK45 = RK45()) -> [[Double]] {
        var sys = CompartmentSystem(p: path.first)
        let outputs = path.first.outputCount
        var result = [[Double]](repeating: [Double](repeating: 0, count: times.count), count: outputs)
        if times.isEmpty { return result }
        let order: [Int] = times.isSorted(by: <=) ? Array(times.indices) : times.indices.sorted { times[$0] < times[$1] }
        let sorted = order.map { times[$0] }
        var y = [Double](repeating: 0, count: sys.stateCount)
        let t0 = min(inputs.first?.time ?? .infinity, sorted[0])
        var piece = path.piece(at: t0)
        sys.p = path.parameters[piece]
        var iP = piece + 1, iIn = 0, iS = 0
        var t = t0
        var active = false
        func store(_ k: Int, _ state: [Double], _ p: PKParameters) {
            result[0][order[k]] = active ? state[1] / p.v : 0
            if let m = p.metabolite { result[1][order[k]] = active ? state[state.count - 1] / m.vm : 0 }
        }
        while iS < sorted.count {
            let tIn = iIn < inputs.count ? inputs[iIn].time : .infinity
            let tP = iP < path.starts.count ? path.starts[iP] : .infinity
            let end = max(t, min(tIn, tP, sorted[sorted.count - 1]))
            // Integrate (t, end), recording interior samples strictly before `end`.
            var inner: [Double] = []
            let firstInner = iS
            while iS + inner.count < sorted.count && sorted[iS + inner.count] < end { inner.append(sorted[iS + inner.count]) }
            if active && end > t {
                let s = sys
                let par = sys.p
                integrator.integrate(from: t, to: end, y: &y, outputs: inner, record: { k, state in
                    store(firstInner + k, state, par)
                }, f: { _, state, dy in s.derivative(state, &dy) })
            } else {
                for k in inner.indices { store(firstInner + k, y, sys.p) }
            }
            iS += inner.count
            t = max(t, end)
            // Events at t: parameter switch, samples, inputs.
            if tP == t {
                while iP < path.starts.count && path.starts[iP] <= t { iP += 1 }
                piece = iP - 1
                let (rg, rc) = (sys.rateGut, sys.rateCentral)
                sys = CompartmentSystem(p: path.parameters[piece], rateGut: rg, rateCentral: rc)
            }
            while iS < sorted.count && sorted[iS] == t { store(iS, y, sys.p); iS += 1 }
            while iIn < inputs.count && inputs[iIn].time == t {
                let e = inputs[iIn]
                switch (e.target, e.kind) {
                case (.gut, .bolus(let a)): y[0] += a
                case (.central, .bolus(let a)): y[1] += a
                case (.gut, .rateChange(let r)): sys.rateGut += r
                case (.central, .rateChange(let r)): sys.rateCentral += r
                }
                active = true
                iIn += 1
            }
        }
        return result
    }
}
