import XCTest
import PKData
import Tensor
@testable import AICMET

final class ModelTests: XCTestCase {
    func makeModel(_ decoder: String = "gaussian", seed: UInt64 = 3, relativeQueryTime: Bool = false,
                   givenAttention: Bool = false, studyConditioned: Bool = false, mechanistic: Bool = false,
                   mechanisticRelease: Bool = false) throws -> AICMETModel {
        try AICMETModel(spec: fixtureSpec(decoder, relativeQueryTime: relativeQueryTime, givenAttention: givenAttention,
                                       studyConditioned: studyConditioned, mechanistic: mechanistic, mechanisticRelease: mechanisticRelease),
                        adapters: [], seed: seed)
    }

    func testGivenAttentionIgnoresPaddedGivenStepsAndReadsTheGivenValues() throws {
        let model = try makeModel(givenAttention: true)
        let network = model.network, h = model.spec.size.hidden, qw = model.layout.queryWidth
        var rng = TensorRNG(seed: 5)
        let zs = Tensor.randn([2, model.spec.size.studyLatent], std: 1, rng: &rng)
        let zi = Tensor.randn([2, model.spec.size.individualLatent], std: 1, rng: &rng)
        let queries = Tensor.randn([2, 3, qw], std: 1, rng: &rng)
        let covariates = Tensor.zeros([2, 0])
        let steps = Tensor.randn([2, 2, h], std: 1, rng: &rng).scalars
        // Row 0 has two given observations, row 1 none; padding holds garbage.
        func given(padTo l: Int) -> (steps: Tensor, mask: Tensor) {
            var data = [Float](repeating: 9, count: 2 * l * h), mask = [Float](repeating: 0, count: 2 * l)
            data.replaceSubrange(0..<(2 * h), with: steps[0..<(2 * h)])
            mask[0] = 1; mask[1] = 1
            return (Tensor(shape: [2, l, h], scalars: data), Tensor(shape: [2, l], scalars: mask))
        }
        let a = network.decode(studyLatent: zs, individualLatent: zi, queries: queries, covariates: covariates, given: given(padTo: 2)).scalars
        let b = network.decode(studyLatent: zs, individualLatent: zi, queries: queries, covariates: covariates, given: given(padTo: 5)).scalars
        for (x, y) in zip(a, b) { XCTAssertEqual(x, y, accuracy: 1e-5) }
        // Row 1 (nothing given) decodes as if no given memory existed; row 0 depends on its given states.
        let none = network.decode(studyLatent: zs, individualLatent: zi, queries: queries, covariates: covariates, given: nil).scalars
        let half = a.count / 2
        for (x, y) in zip(a[half...], none[half...]) { XCTAssertEqual(x, y, accuracy: 1e-5) }
        XCTAssertGreaterThan(zip(a[..<half], none[..<half]).map { abs($0 - $1) }.max()!, 1e-3)
    }

    func testPaddedTimeStepsAndSubjectsDoNotChangeSummariesOrTheStudyLatent() throws {
        let model = try makeModel()
        let layout = model.layout, width = layout.tokenWidth
        let study = fixtureStudy()
        let scaling = try StudyScaling.from(context: study.subjects)
        let rows = study.subjects.map { layout.tokens(for: $0.observations, of: $0, scaling: scaling) }
        func tokens(padTo l: Int) -> Tensor {
            var data = [Float](repeating: 0, count: rows.count * l * width)
            for (i, r) in rows.enumerated() { data.replaceSubrange((i * l * width)..<(i * l * width + r.count), with: r) }
            // Garbage in padded steps must not matter.
            for i in 0..<rows.count { for j in (rows[i].count / width)..<l { for f in 0..<width { data[(i * l + j) * width + f] = 7.5 } } }
            return Tensor(shape: [rows.count, l, width], scalars: data)
        }
        let lengths = rows.map { $0.count / width }
        let a = model.network.summarise(tokens: tokens(padTo: 9), lengths: lengths).scalars
        let b = model.network.summarise(tokens: tokens(padTo: 14), lengths: lengths).scalars
        for (x, y) in zip(a, b) { XCTAssertEqual(x, y, accuracy: 1e-5) }

        // Extra masked (padded) members leave the study posterior unchanged.
        let h = model.spec.size.hidden, n = rows.count
        let members = Tensor(shape: [1, n, h], scalars: a)
        let padded = Tensor(shape: [1, n + 3, h], scalars: a + [Float](repeating: 3, count: 3 * h))
        let p1 = model.network.studyPosterior(members, mask: Tensor(filling: 1, shape: [1, n]))
        let p2 = model.network.studyPosterior(padded, mask: Tensor(shape: [1, n + 3], scalars: [Float](repeating: 1, count: n) + [0, 0, 0]))
        for (x, y) in zip(p1.mean.scalars + p1.logVar.scalars, p2.mean.scalars + p2.logVar.scalars) { XCTAssertEqual(x, y, accuracy: 1e-5) }
    }

    func testForecastIsInvariantToTheOrderOfContextSubjects() throws {
        for model in [try makeModel(), try makeModel(studyConditioned: true), try makeModel(studyConditioned: true, mechanistic: true)] {
            try assertForecastIsInvariantToContextOrder(model)
        }
    }

    func assertForecastIsInvariantToContextOrder(_ model: AICMETModel) throws {
        let study = fixtureStudy()
        let target = Subject(id: "t", doses: study.subjects[0].doses, observations: Array(study.subjects[0].observations.prefix(2)))
        let context = Array(study.subjects.dropFirst())
        let times = [1.0, 4, 10]
        let a = try model.predictiveDistributions(context: context, target: target, times: times, samples: 8, seed: 1)
        let b = try model.predictiveDistributions(context: context.reversed(), target: target, times: times, samples: 8, seed: 1)
        for (x, y) in zip(a.distributions, b.distributions) {
            XCTAssertEqual(x.quantile(0.5), y.quantile(0.5), accuracy: 1e-5)
            XCTAssertEqual(x.quantile(0.95), y.quantile(0.95), accuracy: 1e-5)
        }
    }

    func testTinyVariantOverfitsAFixedBatch() throws {
        try assertOverfitsAFixedBatch(try makeModel())
    }

    func testTinyVariantWithRelativeQueryTimeOverfitsAFixedBatch() throws {
        try assertOverfitsAFixedBatch(try makeModel(relativeQueryTime: true))
    }

    func testTinyVariantWithGivenAttentionOverfitsAFixedBatch() throws {
        try assertOverfitsAFixedBatch(try makeModel(givenAttention: true))
    }

    func testTinyStudyConditionedVariantOverfitsAFixedBatch() throws {
        try assertOverfitsAFixedBatch(try makeModel(studyConditioned: true))
    }

    func testTinyMechanisticVariantsOverfitAFixedBatch() throws {
        try assertOverfitsAFixedBatch(try makeModel(mechanistic: true))
        try assertOverfitsAFixedBatch(try makeModel("mixture:2", mechanistic: true))
        try assertOverfitsAFixedBatch(try makeModel(mechanistic: true, mechanisticRelease: true))
    }

    /// Decoder query rows are independent: zero-padded rows (empty dose tables) change no real row's head
    /// (up to float rounding: BLAS may block a 7-row product differently from a 3-row one).
    func testPaddedQueriesDoNotChangeMechanisticHeads() throws {
        let model = try makeModel("mixture:2", mechanistic: true), network = model.network, layout = model.layout
        let subject = fixtureStudy().subjects[0]
        let scaling = try StudyScaling.from(context: fixtureStudy().subjects)
        let rows = layout.queries(at: [0.5, 2, 9], output: 0, doses: subject.doses, scaling: scaling, lastGiven: nil)
        var rng = TensorRNG(seed: 2)
        let zs = Tensor.randn([1, model.spec.size.studyLatent], std: 1, rng: &rng)
        let zi = Tensor.randn([1, model.spec.size.individualLatent], std: 1, rng: &rng)
        func heads(padding: Int) -> [Float] {
            let queries = Tensor(shape: [1, 3 + padding, layout.queryWidth], scalars: rows + [Float](repeating: 0, count: padding * layout.queryWidth))
            return network.decode(studyLatent: zs, individualLatent: zi, queries: queries, covariates: Tensor.zeros([1, 0])).scalars
        }
        let plain = heads(padding: 0), padded = heads(padding: 4)
        XCTAssertEqual(plain.count, 3 * network.decoder.headSize)
        for (a, b) in zip(padded.prefix(plain.count), plain) { XCTAssertEqual(a, b, accuracy: 1e-5 * max(1, abs(b))) }
        XCTAssertTrue(padded.allSatisfy(\.isFinite))
    }

    /// q(z_i) of a study-conditioned network reads the study: the same target sequence gets another
    /// posterior in another study, and padded context members change nothing.
    func testStudyConditionedPosteriorReadsTheStudyAndIgnoresPaddedMembers() throws {
        let model = try makeModel(studyConditioned: true), network = model.network, h = model.spec.size.hidden
        var rng = TensorRNG(seed: 9)
        let target = Tensor.randn([1, h], std: 1, rng: &rng)
        let members = Tensor.randn([1, 3, h], std: 1, rng: &rng), other = Tensor.randn([1, 3, h], std: 1, rng: &rng)
        let c1 = network.studySummary(members, mask: Tensor.ones([1, 3]))
        let c2 = network.studySummary(other, mask: Tensor.ones([1, 3]))
        let padded = Tensor.concat([members, Tensor(filling: 4, shape: [1, 2, h])], axis: 1)
        let c3 = network.studySummary(padded, mask: Tensor(shape: [1, 5], scalars: [1, 1, 1, 0, 0]))
        let a = network.individualPosterior(target, study: c1), b = network.individualPosterior(target, study: c2)
        let c = network.individualPosterior(target, study: c3)
        XCTAssertGreaterThan(zip(a.mean.scalars, b.mean.scalars).map { abs($0 - $1) }.max()!, 1e-3)
        for (x, y) in zip(a.mean.scalars + a.logVar.scalars, c.mean.scalars + c.logVar.scalars) { XCTAssertEqual(x, y, accuracy: 1e-5) }
        // One summary row serves every sequence of its study (up to float rounding: BLAS may compute a one-row
        // product as a matrix-vector product and a two-row one as a matrix product).
        let two = network.individualPosterior(Tensor.concat([target, target], axis: 0), study: c1)
        let n = model.spec.size.individualLatent
        for row in 0..<2 {
            for (x, y) in zip(two.mean.scalars[row * n ..< (row + 1) * n], a.mean.scalars) { XCTAssertEqual(x, y, accuracy: 1e-5) }
        }
    }

    /// A study-conditioned model started from an unconditioned one begins as the same function (its study
    /// columns are zero); the reverse start is refused.
    func testStudyConditionedWarmStartBeginsAsTheInitialModel() throws {
        let plain = try makeModel(seed: 4), conditioned = try makeModel(seed: 8, studyConditioned: true)
        let checkpoint = Checkpoint(spec: plain.spec, config: nil, state: TrainingState(), weights: plain.network.parameters)
        try checkpoint.warmStart(conditioned)
        let study = fixtureStudy()
        let target = Subject(id: "t", doses: study.subjects[0].doses, observations: Array(study.subjects[0].observations.prefix(2)))
        let context = Array(study.subjects.dropFirst())
        let a = try plain.predictiveDistributions(context: context, target: target, times: [1, 6], samples: 8, seed: 2, inference: .combined)
        let b = try conditioned.predictiveDistributions(context: context, target: target, times: [1, 6], samples: 8, seed: 2, inference: .combined)
        for (x, y) in zip(a.distributions, b.distributions) { XCTAssertEqual(x.quantile(0.5), y.quantile(0.5), accuracy: 1e-5) }
        let back = Checkpoint(spec: conditioned.spec, config: nil, state: TrainingState(), weights: conditioned.network.parameters)
        XCTAssertThrowsError(try back.warmStart(plain))
        XCTAssertThrowsError(try checkpoint.restore(into: conditioned))
    }

    func assertOverfitsAFixedBatch(_ model: AICMETModel, file: StaticString = #filePath, line: UInt = #line) throws {
        let study = fixtureStudy(subjects: 5)
        let batch = try TrainingBatch(examples: [TrainingExample(study: study, targets: [(subject: 1, given: 2), (subject: 3, given: 4)])],
                                      layout: model.layout)
        let parameters = model.network.parameters.map(\.tensor)
        let adam = Adam(parameters: parameters, learningRate: 3e-3)
        var rng = TensorRNG(seed: 11)
        var first: Float = 0, last: Float = 0
        for step in 0..<300 {
            let tape = Tape()
            let (loss, values) = tape.record { model.network.objective(batch, weights: ObjectiveWeights(kl: 0.1, forecast: 1), rng: &rng) }
            adam.step(tape.backward(loss))
            if step == 0 { first = values.loss }
            last = values.loss
        }
        // Per target, the tiny network starts near 2 × 9 points × ~1.4 nats and must fit far below.
        XCTAssertLessThan(last, first - 20, "loss \(first) → \(last)", file: file, line: line)
        XCTAssertLessThan(last, -10, file: file, line: line)
    }

    func testSaveAndLoadGiveIdenticalForecasts() throws {
        for model in [try makeModel("mixture:3"), try makeModel(relativeQueryTime: true), try makeModel(givenAttention: true),
                      try makeModel(studyConditioned: true), try makeModel(mechanistic: true),
                      try makeModel(mechanistic: true, mechanisticRelease: true)] {
            try assertSaveAndLoadGiveIdenticalForecasts(model)
        }
    }

    func assertSaveAndLoadGiveIdenticalForecasts(_ model: AICMETModel) throws {
        let checkpoint = Checkpoint(spec: model.spec, config: nil, state: TrainingState(step: 5), weights: model.network.parameters)
        let restored = try Checkpoint.deserialize(try checkpoint.serialize())
        XCTAssertEqual(restored.state.step, 5)
        let copy = try restored.makeModel(adapters: [])
        let study = fixtureStudy()
        let request = ForecastRequest(context: Array(study.subjects.dropFirst()), target: study.subjects[0], queryTimes: [2, 8], seed: 4)
        let a = try AICMETForecaster(name: "a", model: model, samples: 16).forecast(request)
        let b = try AICMETForecaster(name: "b", model: copy, samples: 16).forecast(request)
        XCTAssertEqual(a.points, b.points)
    }

    func testCheckpointReadsAFileOrAModelFolderAndNamesWhatIsMissing() throws {
        let model = try makeModel()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("aicmet-checkpoint-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        XCTAssertThrowsError(try Checkpoint.read(from: folder)) { error in
            XCTAssertTrue("\(error)".contains("without model.safetensors"), "\(error)")
        }
        XCTAssertThrowsError(try Checkpoint.read(from: folder.appendingPathComponent("absent.safetensors"))) { error in
            XCTAssertTrue("\(error)".contains("no such file"), "\(error)")
        }
        try Checkpoint(spec: model.spec, config: nil, state: TrainingState(step: 3), weights: model.network.parameters)
            .write(to: folder.appendingPathComponent("model.safetensors"))
        XCTAssertEqual(try Checkpoint.read(from: folder).state.step, 3)
        XCTAssertEqual(try Checkpoint.read(from: folder.appendingPathComponent("model.safetensors")).state.step, 3)
    }

    func testCheckpointOfAnotherArchitectureIsRefused() throws {
        let small = try makeModel()
        for spec in [fixtureSpec("mixture:2"), fixtureSpec(relativeQueryTime: true), fixtureSpec(givenAttention: true), fixtureSpec(studyConditioned: true),
                     fixtureSpec(mechanistic: true), fixtureSpec(mechanistic: true, mechanisticRelease: true)] {
            let other = try AICMETModel(spec: spec, adapters: [], seed: 1)
            let checkpoint = Checkpoint(spec: other.spec, config: nil, state: TrainingState(), weights: other.network.parameters)
            XCTAssertThrowsError(try checkpoint.restore(into: small))
        }
        let mechanistic = try makeModel(mechanistic: true), released = try makeModel(mechanistic: true, mechanisticRelease: true)
        XCTAssertThrowsError(try Checkpoint(spec: released.spec, config: nil, state: TrainingState(), weights: released.network.parameters)
            .restore(into: mechanistic))
    }
}

final class PopulationInferenceTests: XCTestCase {
    func testWeightedPoolingKeepsWeightsAndDropsZeroParts() {
        let a = GaussianMixture(weights: [1], means: [0], sds: [1])
        let b = GaussianMixture(weights: [0.5, 0.5], means: [2, 4], sds: [1, 1])
        let pooled = GaussianMixture.pooling([a, b, a], weights: [0.25, 0.75, 0])
        XCTAssertEqual(pooled.weights, [0.25, 0.375, 0.375])
        XCTAssertEqual(pooled.means, [0, 2, 4])
        XCTAssertEqual(pooled.mean, 0.375 * 2 + 0.375 * 4, accuracy: 1e-12)
    }

    func testPopulationInferenceWithNothingGivenIsTheContextsPredictive() throws {
        let model = try AICMETModel(spec: fixtureSpec(), adapters: [], seed: 3)
        let study = fixtureStudy()
        let context = Array(study.subjects.dropFirst())
        let bare = Subject(id: "new", doses: study.subjects[0].doses)
        let times = [1.0, 6]
        // With no given observation every draw has weight 1/S: same as pooling the draws equally,
        // and independent of which observations the target would have had.
        let a = try model.predictiveDistributions(context: context, target: bare, times: times, samples: 12, seed: 2, inference: .population)
        XCTAssertEqual(a.distributions[0].weights.count, 12)
        for w in a.distributions[0].weights { XCTAssertEqual(w, 1.0 / 12, accuracy: 1e-12) }
        // Given observations reweight the draws.
        var given = bare
        given.observations = Array(study.subjects[0].observations.prefix(3))
        let b = try model.predictiveDistributions(context: context, target: given, times: times, samples: 12, seed: 2, inference: .population)
        XCTAssertNotEqual(b.distributions[0].weights, a.distributions[0].weights)
        XCTAssertEqual(b.distributions[0].weights.reduce(0, +), 1, accuracy: 1e-9)
        // Without context subjects it falls back to the amortized posterior.
        let c = try model.predictiveDistributions(context: [], target: given, times: times, samples: 12, seed: 2, inference: .population)
        let d = try model.predictiveDistributions(context: [], target: given, times: times, samples: 12, seed: 2, inference: .amortized)
        XCTAssertEqual(c.distributions, d.distributions)
        let e = try model.predictiveDistributions(context: [], target: given, times: times, samples: 12, seed: 2, inference: .combined, bandwidth: 0.5)
        XCTAssertEqual(e.distributions, d.distributions)
    }
}
