import Foundation
import PKData
import Tensor

/// A compartmental mean for the decoder (VariantSpec.mechanistic): per subject, a small MLP maps (z_s, z_i,
/// covariates) to an absorption rate k_a, an absorption lag ℓ, a relative oral bioavailability F and
/// `terms` disposition exponentials (λ_m, A_m); the concentration at query time t, in normalised units, is
///
///     C(t) = Σ_doses Σ_m A_m · ( a_iv · h_m + F · a_oral · g_m )
///     h_m = (min(Δ, τ)/τ) · exprel(λ_m min(Δ, τ)) · e^{−λ_m max(Δ − τ, 0)}      (bolus: τ → 0, h_m = e^{−λ_m Δ})
///     g_m = k_a (e^{−λ_m Δ'} − e^{−k_a Δ'}) / (k_a − λ_m) = k_a e^{−min(k_a, λ_m) Δ'} Δ' exprel(|k_a − λ_m| Δ'),  Δ' = max(Δ − ℓ, 0)
///
/// with Δ the time since the dose and τ an infusion's duration. That is exact for linear one- and
/// two-compartment models with first-order absorption, a lag, boluses, infusions and any number of doses
/// (superposition), and proportional to the dose by construction. With `release`
/// (VariantSpec.mechanisticRelease) the MLP also outputs a release duration D1 per subject: each oral dose
/// enters the depot at a constant rate over D1 (sequential zero-/first-order absorption), and g_m becomes its
/// mean over the release, (1/J) Σ_j g_m(Δ' − D1·(j + ½)/J) with J = `releaseNodes` (the midpoint rule; exact
/// as D1 → 0). The decoder's mean becomes log(C + e^ψ) + r, where ψ (a floor, e.g. for carry-over before the first recorded dose) and r (a
/// residual for what the compartments miss) are decoder outputs.
public enum MechanisticMean {
    /// Disposition exponentials per subject.
    public static let terms = 2
    /// Doses per query, most recent first; older doses are left to the residual.
    public static let doseSlots = 16
    /// Floats per dose slot in a query row: Δ, oral amount, IV amount, min(Δ, τ)/τ (1 for a bolus), min(Δ, τ), max(Δ − τ, 0).
    public static let slotWidth = 6
    public static var queryWidth: Int { doseSlots * slotWidth }
    /// Per-subject parameters the MLP outputs: k_a, ℓ, F, then (λ_m, A_m) per term, then D1 with `release`.
    public static func parameterCount(release: Bool) -> Int { 3 + 2 * terms + (release ? 1 : 0) }
    /// Midpoint nodes of the mean over a zero-order release.
    public static let releaseNodes = 4

    /// Appends the dose table of time `t` (raw units) to `out`; zeros when `output` is not the parent (0).
    /// A steady-state dose (SS with II) stands for itself and its regimen's earlier doses at −II, −2·II, … in
    /// the remaining slots; doses before it do not count (steady state resets the history).
    public static func append(at t: Double, output: Int, doses: [Dose], scaling: StudyScaling, to out: inout [Float]) {
        let start = out.count
        out.append(contentsOf: repeatElement(0, count: queryWidth))
        guard output == 0 else { return }
        var slot = 0
        func fill(_ dose: Dose, at time: Double) {
            let delta = (t - time) / scaling.time
            let tau = dose.route == .oral ? 0 : dose.duration / scaling.time
            let inside = tau > 1e-9 ? min(delta, tau) : 0
            let row = start + slot * slotWidth
            out[row] = Float(delta)
            out[row + (dose.route == .oral ? 1 : 2)] = Float(dose.amount / scaling.dose)
            out[row + 3] = tau > 1e-9 ? Float(inside / tau) : 1
            out[row + 4] = Float(inside)
            out[row + 5] = Float(tau > 1e-9 ? max(delta - tau, 0) : delta)
            slot += 1
        }
        for dose in doses.reversed() where dose.time <= t && dose.amount > 0 {
            guard slot < doseSlots else { return }
            fill(dose, at: dose.time)
            guard dose.steadyState && dose.interval > 0 else { continue }
            var earlier = dose.time - dose.interval
            while slot < doseSlots { fill(dose, at: earlier); earlier -= dose.interval }
            return
        }
    }

    /// Added to the MLP's outputs, so an untrained model starts at k_a 8, ℓ = 0.1 · softplus(−2) ≈ 0.013, F 1,
    /// λ 2 and 0.3 per unit normalised time, A 0.5 and 0.1 per unit normalised dose, D1 = 0.1 · softplus(−2)
    /// (natural-log scale but ℓ's and D1's).
    static let logOffsets: [Float] = [Foundation.log(8), -2, 0, Foundation.log(2), Foundation.log(0.5), Foundation.log(0.3), Foundation.log(0.1), -2]

    /// log C(t) + floor: parameters [R, parameterCount(release:)], table [R, Q, queryWidth], floor ψ [R, Q, 1] → [R, Q, 1].
    static func logConcentration(parameters raw: Tensor, table: Tensor, floor: Tensor, release: Bool = false) -> Tensor {
        let r = table.shape[0], q = table.shape[1]
        let count = parameterCount(release: release)
        precondition(raw.shape == [r, count], "MechanisticMean: parameters \(raw.shape), expected [\(r), \(count)]")
        let p = raw + Tensor(shape: [count], scalars: Array(logOffsets[0..<count]))
        func column(_ i: Int) -> Tensor { p.slice(axis: 1, range: i..<(i + 1)).reshaped([r, 1, 1, 1]) }
        // Only the slots some query uses: empty slots add exact zeros, so this changes no value.
        let used = usedSlots(table)
        let cells = table.reshaped([r, q, doseSlots, slotWidth]).slice(axis: 2, range: 0..<used)
        func field(_ i: Int) -> Tensor { cells.slice(axis: 3, range: i..<(i + 1)) }
        let delta = field(0), oral = field(1), iv = field(2), fraction = field(3), inside = field(4), after = field(5)

        let ka = column(0).clamp(min: -4, max: 6).exp()
        let lag = column(1).softplus() * 0.1
        let bioavailability = column(2).clamp(min: -3, max: 1).exp()
        let sinceLag = delta - lag
        // Time absorbing of each release node, Δ' − D1·(j + ½)/J; without release one node, Δ'.
        let absorbed: [Tensor]
        if release {
            let d1 = column(3 + 2 * terms).softplus() * 0.1
            absorbed = (0..<releaseNodes).map { j in (sinceLag - d1 * Float((Double(j) + 0.5) / Double(releaseNodes))).relu() }
        } else {
            absorbed = [sinceLag.relu()]
        }
        var total: Tensor? = nil
        for m in 0..<terms {
            let lambda = column(3 + 2 * m).clamp(min: -4, max: 6).exp()
            let amplitude = column(4 + 2 * m).clamp(min: -8, max: 6).exp()
            let bolusOrInfusion = fraction * (lambda * inside).exprel() * (-(lambda * after)).exp()
            let gap = (ka - lambda).abs()
            let slower = (ka + lambda - gap) * 0.5
            func firstOrder(_ a: Tensor) -> Tensor { ka * (-(slower * a)).exp() * a * (gap * a).exprel() }
            let nodes = absorbed.map(firstOrder)
            let meanFirstOrder = nodes.count == 1 ? nodes[0] : nodes.dropFirst().reduce(nodes[0], +) * (1 / Float(nodes.count))
            let term = amplitude * (iv * bolusOrInfusion + bioavailability * oral * meanFirstOrder)
            total = total.map { $0 + term } ?? term
        }
        let concentration = total!.sum(axis: 2).reshaped([r, q, 1])
        return (concentration + (floor - 6).clamp(min: -12, max: 5).exp()).log()
    }

    /// 1 + the last slot holding a dose in any row of `table` [R, Q, queryWidth] (at least 1).
    static func usedSlots(_ table: Tensor) -> Int {
        var used = 1
        table.scalars.withUnsafeBufferPointer { values in
            for row in stride(from: 0, to: values.count, by: queryWidth) {
                for slot in stride(from: doseSlots - 1, through: used, by: -1)
                where values[row + slot * slotWidth + 1] != 0 || values[row + slot * slotWidth + 2] != 0 {
                    used = slot + 1
                    break
                }
            }
        }
        return used
    }
}
