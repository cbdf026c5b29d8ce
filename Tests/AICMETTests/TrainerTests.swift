import XCTest
import PKData
import Tensor
@testable import AICMET

final class TrainerTests: XCTestCase {
    func config(steps: Int, threads: Int) -> TrainingConfig {
        TrainingConfig(steps: steps, batchStudies: 4, learningRate: 2e-3, warmupSteps: 2, klAnnealSteps: 4, threads: threads, seed: 9,
                       checkpointEvery: 3)
    }

    func weights(_ model: AICMETModel) -> [Float] { model.network.parameters.flatMap { $0.tensor.scalars } }

    func testThreadCountDoesNotChangeTheResultBeyondRounding() throws {
        let data = PriorDataSource(prior: TestOneCompartmentPrior(), subjects: 4...6)
        let one = try AICMETModel(spec: fixtureSpec(), adapters: [], seed: 2)
        let two = try AICMETModel(spec: fixtureSpec(), adapters: [], seed: 2)
        try Trainer(model: one, config: config(steps: 5, threads: 1)).run(data: data)
        try Trainer(model: two, config: config(steps: 5, threads: 2)).run(data: data)
        for (a, b) in zip(weights(one), weights(two)) { XCTAssertEqual(a, b, accuracy: 1e-4) }
    }

    func testResumingFromACheckpointContinuesTheSameRun() throws {
        let data = PriorDataSource(prior: TestOneCompartmentPrior(), subjects: 4...6)
        let straight = try AICMETModel(spec: fixtureSpec(), adapters: [], seed: 2)
        try Trainer(model: straight, config: config(steps: 6, threads: 1)).run(data: data)

        let interrupted = try AICMETModel(spec: fixtureSpec(), adapters: [], seed: 2)
        var saved: Data? = nil
        var steps = 0
        try Trainer(model: interrupted, config: config(steps: 6, threads: 1)).run(
            data: data, shouldStop: { steps >= 3 }, onProgress: { steps = $0.step },
            onCheckpoint: { saved = try $0.serialize() })
        let checkpoint = try Checkpoint.deserialize(saved!)
        XCTAssertEqual(checkpoint.state.step, 3)
        let resumed = try AICMETModel(spec: fixtureSpec(), adapters: [], seed: 99)
        let trainer = try Trainer(model: resumed, config: config(steps: 6, threads: 1), resumeFrom: checkpoint)
        try trainer.run(data: data)
        XCTAssertEqual(trainer.state.step, 6)
        for (a, b) in zip(weights(straight), weights(resumed)) { XCTAssertEqual(a, b, accuracy: 1e-6) }
    }
}
