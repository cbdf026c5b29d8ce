import XCTest
import Foundation
import PKData
import Tensor
@testable import AICMET

final class MechanisticMeanTests: XCTestCase {
    /// A two-compartment model with a lagged oral dose, an IV infusion and an IV bolus.
    struct TwoCompartment {
        var ka = 1.3, lag = 0.4, k10 = 0.2, k12 = 0.5, k21 = 0.3, volume = 10.0, bioavailability = 0.7
        let doses = [Dose(time: 0, amount: 100, route: .oral), Dose(time: 10, amount: 50, route: .iv, duration: 2),
                     Dose(time: 20, amount: 30, route: .iv)]

        /// Central concentration by RK4 on depot → central ⇄ peripheral (step 1e-3 h), independent of the closed form.
        func integrate(to times: [Double]) -> [Double] {
            var depot = 0.0, central = 0.0, peripheral = 0.0, t = 0.0, out: [Double] = []
            let h = 1e-3
            func infusion(_ t: Double) -> Double { t >= 10 && t < 12 ? 25 : 0 }
            func derivative(_ s: (Double, Double, Double), _ t: Double) -> (Double, Double, Double) {
                (-ka * s.0, ka * s.0 - (k10 + k12) * s.1 + k21 * s.2 + infusion(t), k12 * s.1 - k21 * s.2)
            }
            for target in times {
                while t < target - 1e-12 {
                    let step = min(h, target - t)
                    if abs(t - lag) < 1e-9 { depot += bioavailability * 100 }
                    if abs(t - 20) < 1e-9 { central += 30 }
                    let s = (depot, central, peripheral)
                    let a = derivative(s, t)
                    let b = derivative((s.0 + step / 2 * a.0, s.1 + step / 2 * a.1, s.2 + step / 2 * a.2), t + step / 2)
                    let c = derivative((s.0 + step / 2 * b.0, s.1 + step / 2 * b.1, s.2 + step / 2 * b.2), t + step / 2)
                    let d = derivative((s.0 + step * c.0, s.1 + step * c.1, s.2 + step * c.2), t + step)
                    depot += step / 6 * (a.0 + 2 * b.0 + 2 * c.0 + d.0)
                    central += step / 6 * (a.1 + 2 * b.1 + 2 * c.1 + d.1)
                    peripheral += step / 6 * (a.2 + 2 * b.2 + 2 * c.2 + d.2)
                    t += step
                    t = (t * 1e6).rounded() / 1e6
                }
                out.append(central / volume)
            }
            return out
        }

        /// The MLP outputs that make `MechanisticMean` this model (its log offsets subtracted).
        var rawParameters: [Float] {
            let sum = k10 + k12 + k21, product = k10 * k21
            let alpha = (sum + (sum * sum - 4 * product).squareRoot()) / 2, beta = product / alpha
            let a1 = (alpha - k21) / ((alpha - beta) * volume), a2 = (k21 - beta) / ((alpha - beta) * volume)
            let natural = [log(ka), log(exp(lag / 0.1) - 1), log(bioavailability), log(alpha), log(a1), log(beta), log(a2)]
            return zip(natural, MechanisticMean.logOffsets).map { Float($0) - $1 }
        }
    }

    private func table(_ doses: [Dose], _ times: [Double], output: Int = 0) -> Tensor {
        var rows: [Float] = []
        let unit = StudyScaling(concentration: 1, time: 1, dose: 1)
        for t in times { MechanisticMean.append(at: t, output: output, doses: doses, scaling: unit, to: &rows) }
        return Tensor(shape: [1, times.count, MechanisticMean.queryWidth], scalars: rows)
    }

    func testMatchesTheTwoCompartmentODEWithLagInfusionAndBolus() {
        let model = TwoCompartment()
        let times = [0.2, 0.5, 1, 3, 8, 10.5, 11, 12.5, 15, 19.9, 20.5, 30]
        let expected = model.integrate(to: times)
        let logC = MechanisticMean.logConcentration(parameters: Tensor(shape: [1, 7], scalars: model.rawParameters),
                                                    table: table(model.doses, times),
                                                    floor: Tensor(filling: -100, shape: [1, times.count, 1]))
        for (i, t) in times.enumerated() {
            let floorOnly = exp(-12.0)
            XCTAssertEqual(Double(logC.scalars[i]), log(expected[i] + floorOnly), accuracy: 2e-4, "t = \(t)")
        }
        XCTAssertLessThan(expected[0], 1e-9, "nothing absorbed before the lag")
    }

    func testEqualRatesGiveTheLimitAndProportionalDoses() {
        // k_a = λ (one term, the other amplitude negligible): C = A·F·D·k·t·e^{−kt}.
        var raw = [Float](repeating: 0, count: 7)
        let natural: [Double] = [log(0.8), -20, 0, log(0.8), log(0.5), 6, -30]
        for i in 0..<7 { raw[i] = Float(natural[i]) - MechanisticMean.logOffsets[i] }
        let times = [0.5, 2, 6]
        for amount in [1.0, 3.0] {
            let logC = MechanisticMean.logConcentration(parameters: Tensor(shape: [1, 7], scalars: raw),
                                                        table: table([Dose(time: 0, amount: amount, route: .oral)], times),
                                                        floor: Tensor(filling: -100, shape: [1, 3, 1]))
            for (i, t) in times.enumerated() {
                XCTAssertEqual(Double(logC.scalars[i]), log(0.5 * amount * 0.8 * t * exp(-0.8 * t) + exp(-12.0)), accuracy: 1e-3)
            }
        }
    }

    func testOnlyTheParentReadsDosesAndOnlyTheMostRecentSlotsAreKept() {
        let doses = (0..<20).map { Dose(time: Double($0), amount: 1, route: .iv) }
        XCTAssertTrue(table(doses, [25], output: 1).scalars.allSatisfy { $0 == 0 })
        let rows = table(doses, [19.5]).scalars
        XCTAssertEqual(rows[0], 0.5, accuracy: 1e-6, "the first slot is the latest dose")
        XCTAssertEqual(rows[(MechanisticMean.doseSlots - 1) * MechanisticMean.slotWidth], 15.5, accuracy: 1e-6)
    }

    func testSteadyStateDoseStandsForItsRegimen() {
        // One-compartment IV (A = 0.5, λ = 0.3), steady state at II = 12 h: C(Δ) = A e^{−λΔ} / (1 − e^{−λ II}).
        var raw = [Float](repeating: 0, count: 7)
        let natural: [Double] = [log(2), -20, 0, log(0.3), log(0.5), 6, -30]
        for i in 0..<7 { raw[i] = Float(natural[i]) - MechanisticMean.logOffsets[i] }
        let doses = [Dose(time: -2, amount: 9, route: .iv), Dose(time: 0, amount: 1, route: .iv, steadyState: true, interval: 12)]
        let times = [1.0, 6, 11.5]
        let logC = MechanisticMean.logConcentration(parameters: Tensor(shape: [1, 7], scalars: raw), table: table(doses, times),
                                                    floor: Tensor(filling: -100, shape: [1, 3, 1]))
        for (i, t) in times.enumerated() {
            XCTAssertEqual(Double(logC.scalars[i]), log(0.5 * exp(-0.3 * t) / (1 - exp(-3.6)) + exp(-12.0)), accuracy: 1e-3)
        }
    }

    /// Finite differences of every parameter (the release's D1 = 0.21 h included) and of the floor.
    func testGradientsMatchFiniteDifferences() {
        let model = TwoCompartment()
        let times = [0.3, 0.6, 2, 10.7, 13, 20.2]
        let t = table(model.doses, times)
        for release in [false, true] {
            let parameters = Tensor(shape: [1, release ? 8 : 7], scalars: model.rawParameters.map { $0 + 0.05 } + (release ? [4] : []))
            let floor = Tensor(shape: [1, times.count, 1], scalars: [2, 3, 1, 4, 0, 2])
            parameters.requiresGrad = true; floor.requiresGrad = true
            func value() -> Tensor { MechanisticMean.logConcentration(parameters: parameters, table: t, floor: floor, release: release).sum() }
            let tape = Tape()
            let loss = tape.record { value() }
            let analytic = tape.backward(loss, wrt: [parameters, floor])
            for (k, input) in [parameters, floor].enumerated() {
                for i in 0..<input.count {
                    var values = input.scalars
                    let eps: Float = 1e-2
                    values[i] += eps; input.scalars = values
                    let up = Double(value().scalar)
                    values[i] -= 2 * eps; input.scalars = values
                    let down = Double(value().scalar)
                    values[i] += eps; input.scalars = values
                    let numeric = (up - down) / (2 * Double(eps))
                    XCTAssertEqual(Double(analytic[k][i]), numeric, accuracy: 3e-3 + 3e-2 * abs(numeric),
                                   "release \(release), input \(k) entry \(i)")
                }
            }
        }
    }

    /// One term (k_a 1.5, λ 0.2, A 0.1, F 1, no lag) with a release over D1 = 0.8 h: the mean of the first-order
    /// response over the release's midpoint nodes, within 0.7 % of the exact zero-order-then-first-order
    /// response once the release is over; with D1 → 0 the mean without release.
    func testReleaseAveragesTheFirstOrderResponseOverD1() {
        let ka = 1.5, lambda = 0.2, amplitude = 0.1, d1 = 0.8
        let natural: [Double] = [log(ka), -20, 0, log(lambda), log(amplitude), 6, -30, log(exp(d1 / 0.1) - 1)]
        let raw = (0..<8).map { Float(natural[$0]) - MechanisticMean.logOffsets[$0] }
        let times = [0.2, 0.5, 0.8, 1, 1.5, 3, 8]
        let doses = [Dose(time: 0, amount: 1, route: .oral)]
        func logC(_ parameters: [Float], release: Bool) -> [Float] {
            MechanisticMean.logConcentration(parameters: Tensor(shape: [1, parameters.count], scalars: parameters),
                                             table: table(doses, times), floor: Tensor(filling: -100, shape: [1, times.count, 1]),
                                             release: release).scalars
        }
        func response(_ a: Double) -> Double { a > 0 ? amplitude * ka / (ka - lambda) * (exp(-lambda * a) - exp(-ka * a)) : 0 }
        let nodes = MechanisticMean.releaseNodes
        let released = logC(raw, release: true)
        for (i, t) in times.enumerated() {
            let midpoint = (0..<nodes).map { response(t - d1 * (Double($0) + 0.5) / Double(nodes)) }.reduce(0, +) / Double(nodes)
            XCTAssertEqual(Double(released[i]), log(midpoint + exp(-12.0)), accuracy: 1e-4, "t = \(t)")
            guard t >= d1 else { continue }
            let exact = (0..<4000).map { response(t - d1 * (Double($0) + 0.5) / 4000) }.reduce(0, +) / 4000
            XCTAssertEqual(midpoint / exact, 1, accuracy: 0.007, "t = \(t)")
        }
        var instant = raw
        instant[7] = -30
        let withoutRelease = logC(Array(raw[0..<7]), release: false)
        for (a, b) in zip(logC(instant, release: true), withoutRelease) { XCTAssertEqual(a, b, accuracy: 1e-5) }
        XCTAssertLessThan(released[0], withoutRelease[0] - 0.5, "the release delays the early rise")
    }
}
