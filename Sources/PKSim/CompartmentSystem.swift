/// The right-hand side of the compartment ODE of `PKParameters` (see there) with state
/// [gut, central, periph_1 … periph_P, (metabolite)] in amounts, plus zero-order input rates.
struct CompartmentSystem {
    var p: PKParameters
    var rateGut = 0.0
    var rateCentral = 0.0

    var stateCount: Int { 2 + p.peripherals.count + (p.metabolite == nil ? 0 : 1) }

    @inline(__always) func derivative(_ y: [Double], _ dy: inout [Double]) {
        let np = p.peripherals.count
        let gut = y[0], c = y[1]
        dy[0] = -p.ka * gut + rateGut
        var dc = p.ka * gut - p.ke * c + rateCentral
        for j in 0..<np {
            let pj = p.peripherals[j]
            let flow = pj.k1p * c - pj.kp1 * y[2 + j]
            dy[2 + j] = flow
            dc -= flow
        }
        dy[1] = dc
        if let m = p.metabolite { dy[2 + np] = m.fm * p.ke * c - m.kem * y[2 + np] }
    }
}
