import XCTest
import Foundation
import Tensor

final class OptimizerTests: XCTestCase {
    private func gradients(_ p: Tensor, _ g: [Float]) -> Gradients {
        // d/dp Σ p ⊙ g = g.
        let tape = Tape()
        let loss = tape.record { (p * Tensor(shape: p.shape, scalars: g)).sum() }
        return tape.backward(loss)
    }

    /// p = 1, g = 0.5, lr 0.1: m = 0.05, v = 2.5e-4, m̂ = 0.5, v̂ = 0.25, p ← 1 − 0.1 · 0.5/0.5 = 0.9.
    /// Step 2 with g = −1: m = −0.055, v = 1.24975e-3, m̂ = −0.28947…, v̂ = 0.62519…, p ← 0.9 + 0.1·0.36610 = 0.936610.
    func testHandComputedSteps() {
        let p = Tensor.parameter(shape: [1], scalars: [1])
        let adam = Adam(parameters: [p], learningRate: 0.1)
        adam.step(gradients(p, [0.5]))
        XCTAssertEqual(p.scalar, 0.9, accuracy: 1e-6)
        adam.step(gradients(p, [-1]))
        let m = 0.9 * 0.05 + 0.1 * -1.0, v = 0.999 * 2.5e-4 + 0.001 * 1.0
        let mhat = m / (1 - 0.81), vhat = v / (1 - 0.999 * 0.999)
        XCTAssertEqual(Double(p.scalar), 0.9 - 0.1 * mhat / (vhat.squareRoot() + 1e-8), accuracy: 1e-6)
        XCTAssertEqual(p.scalar, 0.936610, accuracy: 1e-5)
        XCTAssertEqual(adam.stepCount, 2)
    }

    /// Decoupled decay: p ← p(1 − lr·wd) − lr·update = 1·(1 − 0.01) − 0.1 = 0.89.
    func testWeightDecayIsDecoupled() {
        let p = Tensor.parameter(shape: [1], scalars: [1])
        let adam = Adam(parameters: [p], learningRate: 0.1, weightDecay: 0.1)
        adam.step(gradients(p, [0.5]))
        XCTAssertEqual(p.scalar, 0.89, accuracy: 1e-6)
    }

    func testParametersWithoutGradientsAreUntouched() {
        let p = Tensor.parameter(shape: [2], scalars: [1, 2]), q = Tensor.parameter(shape: [1], scalars: [3])
        let adam = Adam(parameters: [p, q], learningRate: 0.1, weightDecay: 0.5)
        adam.step(gradients(p, [1, 1]))
        XCTAssertEqual(q.scalar, 3)
    }

    /// Export after 2 steps, import into a fresh optimiser, continue: identical to never stopping.
    func testStateRoundTrip() throws {
        let p1 = Tensor.parameter(shape: [2, 2], scalars: [1, 2, 3, 4])
        let p2 = Tensor.parameter(shape: [2, 2], scalars: [1, 2, 3, 4])
        let a = Adam(parameters: [p1], learningRate: 0.05, weightDecay: 0.01)
        let b = Adam(parameters: [p2], learningRate: 0.05, weightDecay: 0.01)
        let gs: [[Float]] = [[1, -2, 3, 0.5], [0.1, 0.2, -0.3, 4], [2, 2, 2, 2]]
        a.step(gradients(p1, gs[0])); a.step(gradients(p1, gs[1]))
        b.step(gradients(p2, gs[0])); b.step(gradients(p2, gs[1]))
        let blob = try SafeTensors.serialize(b.exportState())
        let c = Adam(parameters: [p2], learningRate: 0.05, weightDecay: 0.01)
        try c.importState(SafeTensors.deserialize(blob).tensors)
        a.step(gradients(p1, gs[2]))
        c.step(gradients(p2, gs[2]))
        XCTAssertEqual(p1.scalars, p2.scalars)
        XCTAssertEqual(c.stepCount, 3)
        XCTAssertThrowsError(try c.importState([:])) { XCTAssertEqual($0 as? TensorFileError, .missingTensor(name: "step")) }
    }

    /// The two-thread update (large models) gives bit-identical parameters to the one-thread update.
    func testThreadedUpdateMatchesSerial() {
        func run(threads: Int) -> [[Float]] {
            let ps = [randomTensor([300, 400], seed: 1), randomTensor([70_000], seed: 2), randomTensor([5], seed: 3)].map {
                Tensor.parameter(shape: $0.shape, scalars: $0.scalars)
            }
            let adam = Adam(parameters: ps, learningRate: 0.01, weightDecay: 0.1)
            adam.threads = threads
            for k in 0..<3 {
                let tape = Tape()
                let loss = tape.record { ps.map { ($0 * $0 * Float(k + 1)).sum() }.reduce(Tensor(0), +) }
                adam.step(tape.backward(loss))
            }
            return ps.map(\.scalars)
        }
        XCTAssertEqual(run(threads: 1), run(threads: 2))
    }

    func testWarmupCosine() {
        let s = LearningRateSchedule.warmupCosine(base: 1, warmupSteps: 4, totalSteps: 14, minimum: 0.1)
        XCTAssertEqual(s(step: 0), 0.25, accuracy: 1e-6)
        XCTAssertEqual(s(step: 3), 1, accuracy: 1e-6)
        XCTAssertEqual(s(step: 4), 1, accuracy: 1e-6)
        XCTAssertEqual(s(step: 9), 0.55, accuracy: 1e-6)   // halfway: min + (base − min)/2
        XCTAssertEqual(s(step: 14), 0.1, accuracy: 1e-6)
        XCTAssertEqual(s(step: 100), 0.1, accuracy: 1e-6)
    }

    func testGradientsArithmetic() {
        let p = Tensor.parameter(shape: [2], scalars: [0, 0]), q = Tensor.parameter(shape: [1], scalars: [0])
        var g = gradients(p, [3, 0])
        g += gradients(q, [4])
        XCTAssertEqual(g.globalNorm(), 5, accuracy: 1e-6)
        g.add(gradients(p, [1, 1]))
        XCTAssertEqual(g[p]!, [4, 1])
        g.scale(by: 2)
        XCTAssertEqual(g[q]!, [8])
        let before = g.clip(maxNorm: 1)
        XCTAssertEqual(before, (64 + 4 + 64 as Float).squareRoot(), accuracy: 1e-5)
        XCTAssertEqual(g.globalNorm(), 1, accuracy: 1e-6)
        XCTAssertEqual(g.clip(maxNorm: 10), 1, accuracy: 1e-6)
        XCTAssertEqual(g.globalNorm(), 1, accuracy: 1e-6)
    }

    /// A tiny MLP fits y = sin(2x) on 64 points: MSE below 0.01 within 400 full-batch Adam steps (seed 42).
    func testToyRegressionConverges() {
        var rng = TensorRNG(seed: 42)
        let net = MLP([1, 32, 32, 1], activation: .tanh, rng: &rng)
        let xs = (0..<64).map { -1.5 + 3 * Float($0) / 63 }
        let x = Tensor(shape: [64, 1], scalars: xs)
        let y = Tensor(shape: [64, 1], scalars: xs.map { Foundation.sin(2 * $0) })
        let adam = Adam(parameters: net.parameterTensors, learningRate: 0.01)
        var first: Float = 0, loss: Float = 0
        for step in 0..<400 {
            let tape = Tape()
            let l = tape.record { (net(x) - y).square().mean() }
            if step == 0 { first = l.scalar }
            loss = l.scalar
            adam.step(tape.backward(l))
        }
        XCTAssertGreaterThan(first, 0.1)
        XCTAssertLessThan(loss, 0.01)
    }
}
