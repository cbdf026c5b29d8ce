import Tensor
import XCTest
@testable import AICMET

/// The encoder and decoder run their row-wise layers on valid rows only (`RowPacking`): a sequence's summary
/// and a query's head must not depend on what else is in the batch or how far it is padded.
final class PackingTests: XCTestCase {
    func testEncoderSummaryIgnoresBatchCompanionsAndPadding() throws {
        for size in [NetworkSize.tiny, .small] {
            let model = try AICMETModel(spec: fixtureSpec(size: size, studyConditioned: true, mechanistic: true), adapters: [], seed: 3)
            let w = model.layout.tokenWidth
            var rng = TensorRNG(seed: 5)
            let first = Tensor.randn([1, 6, w], rng: &rng)
            let alone = model.network.encode(tokens: first, lengths: [6]).summaries.scalars
            // The same sequence padded to 11 steps, beside two others (lengths 11 and 2).
            let others = Tensor.randn([2, 11, w], rng: &rng)
            let padded = Tensor.concat([first, Tensor.zeros([1, 5, w])], axis: 1)
            let batch = model.network.encode(tokens: Tensor.concat([others, padded], axis: 0), lengths: [11, 2, 6]).summaries
            let inBatch = Array(batch.scalars[(2 * alone.count)...])
            let diff = zip(alone, inBatch).map { abs($0 - $1) }.max()!
            XCTAssertLessThanOrEqual(diff, 1e-5)
        }
    }

    /// With a query mask, the used heads equal those of the unmasked call and the others are 0.
    func testDecoderQueryMaskKeepsUsedHeads() throws {
        let model = try AICMETModel(spec: fixtureSpec(size: .small, studyConditioned: true, mechanistic: true), adapters: [], seed: 3)
        let network = model.network, layout = model.layout, size = network.size
        var rng = TensorRNG(seed: 6)
        let r = 3, q = 7
        let zs = Tensor.randn([r, size.studyLatent], rng: &rng), zi = Tensor.randn([r, size.individualLatent], rng: &rng)
        // Mechanistic query rows: features, then a dose table of non-negative times and amounts.
        let queries = Tensor(shape: [r, q, layout.queryWidth], scalars: (0..<(r * q * layout.queryWidth)).map { _ in rng.uniform() })
        let covariates = Tensor.randn([r, layout.covariateWidth], rng: &rng)
        let mask = Tensor(shape: [r, q], scalars: (0..<(r * q)).map { $0 % 3 == 1 ? 0 : 1 })
        let full = network.decode(studyLatent: zs, individualLatent: zi, queries: queries, covariates: covariates).scalars
        let masked = network.decode(studyLatent: zs, individualLatent: zi, queries: queries, covariates: covariates, queryMask: mask)
        let width = masked.shape[2]
        for i in 0..<(r * q) {
            for c in 0..<width {
                let expected = mask.scalars[i] != 0 ? full[i * width + c] : 0
                XCTAssertEqual(masked.scalars[i * width + c], expected, accuracy: 1e-5 * (1 + abs(expected)), "query \(i) column \(c)")
            }
        }
    }

    /// The training objective's value and gradients with packed rows equal those of the padded reference, for
    /// every network variant, on a batch of studies with uneven designs (so there is padding to skip).
    func testPackedObjectiveEqualsPaddedObjective() throws {
        let specs = [fixtureSpec(size: .small, studyConditioned: true, mechanistic: true), fixtureSpec("mixture:2", givenAttention: true),
                     fixtureSpec(relativeQueryTime: true)]
        for spec in specs {
            let model = try AICMETModel(spec: spec, adapters: [], seed: 8)
            var studies = [fixtureStudy(seed: 11, subjects: 5), fixtureStudy(seed: 12, subjects: 4)]
            studies[1].subjects[2].observations.removeLast(5)   // a shorter sequence and fewer target points
            let batch = try TrainingBatch(examples: [TrainingExample(study: studies[0], targets: [(subject: 1, given: 2), (subject: 3, given: 0)]),
                                                     TrainingExample(study: studies[1], targets: [(subject: 2, given: 1)])],
                                          layout: model.layout)
            let parameters = model.network.parameters.map(\.tensor)
            func run(packed: Bool) -> (loss: Float, gradients: [[Float]]) {
                model.network.packsRows = packed
                var rng = TensorRNG(seed: 13)
                let tape = Tape()
                let (loss, values) = tape.record { model.network.objective(batch, weights: ObjectiveWeights(kl: 0.5, forecast: 2), rng: &rng) }
                return (values.loss, tape.backward(loss, wrt: parameters))
            }
            let padded = run(packed: false), packed = run(packed: true)
            model.network.packsRows = true
            XCTAssertEqual(packed.loss, padded.loss, accuracy: 1e-4 * abs(padded.loss), spec.decoder.id)
            for (g, h) in zip(packed.gradients, padded.gradients) {
                let scale = h.map { abs($0) }.max() ?? 0
                for (u, v) in zip(g, h) { XCTAssertEqual(u, v, accuracy: 1e-4 * (scale + 1e-3)) }
            }
        }
    }
}
