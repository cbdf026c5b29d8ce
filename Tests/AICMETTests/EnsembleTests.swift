import XCTest
import PKData
import Tensor
@testable import AICMET

final class EnsembleTests: XCTestCase {
    /// Two tiny single models (seeds 4 and 5) and their ensemble.
    func makeEnsemble(_ spec: VariantSpec = fixtureSpec()) throws -> (members: [AICMETModel], ensemble: AICMETModel) {
        let members = try [4, 5].map { try AICMETModel(spec: spec, adapters: [], seed: UInt64($0)) }
        return (members, try AICMETModel(spec: spec, members: members))
    }

    func testThePredictiveIsTheMembersMixtureWithTheSamplesSplitEvenly() throws {
        let (members, ensemble) = try makeEnsemble()
        let (_, request) = try twoGivenRequest()
        XCTAssertEqual(ensemble.spec.ensemble, 2)
        XCTAssertEqual(ensemble.parameterCount, 2 * members[0].parameterCount)
        for samples in [8, 7] {
            let pooled = try ensemble.predictiveDistributions(context: request.context, target: request.target, times: request.queryTimes,
                                                              samples: samples, seed: 3, inference: .combined, bandwidth: 0.5)
            let shares = [(samples + 1) / 2, samples / 2]
            let parts = try zip(members, shares).enumerated().map { i, pair in
                try pair.0.predictiveDistributions(context: request.context, target: request.target, times: request.queryTimes,
                                                   samples: pair.1, seed: 3 &+ UInt64(i) &* 0x9E37_79B9_7F4A_7C15,
                                                   inference: .combined, bandwidth: 0.5).distributions
            }
            let weights = shares.map { Double($0) / Double(samples) }
            for j in request.queryTimes.indices {
                XCTAssertEqual(pooled.distributions[j], GaussianMixture.pooling([parts[0][j], parts[1][j]], weights: weights))
            }
            XCTAssertNotEqual(parts[0][0].quantile(0.5), parts[1][0].quantile(0.5), "the members differ, so pooling is tested")
        }
    }

    /// Forecasts that reuse the encoder cache (calibration) must give each member its own summaries.
    func testCalibratedForecastsKeepOneEncoderCachePerMember() throws {
        let (_, ensemble) = try makeEnsemble()
        let (_, request) = try twoGivenRequest()
        let cache = EncoderCache()
        let plain = try ensemble.predictiveDistributions(context: request.context, target: request.target, times: request.queryTimes,
                                                         samples: 8, seed: 1)
        for _ in 0..<2 {
            let cached = try ensemble.predictiveDistributions(context: request.context, target: request.target, times: request.queryTimes,
                                                              samples: 8, seed: 1, cache: cache)
            for (a, b) in zip(cached.distributions, plain.distributions) {
                XCTAssertEqual(a.quantile(0.5), b.quantile(0.5), accuracy: 1e-5, "batched and cached encodings agree to rounding")
            }
        }
        XCTAssertFalse(cache.summaries.isEmpty)
        XCTAssertNotEqual(cache.member(1).summaries, cache.summaries)
        XCTAssertTrue(cache.member(0) === cache)
    }

    func testCheckpointsKeepEveryMemberAndRefuseAnotherMemberCount() throws {
        let (_, ensemble) = try makeEnsemble()
        let (_, request) = try twoGivenRequest()
        let data = try Checkpoint(spec: ensemble.spec, config: nil, state: TrainingState(), weights: ensemble.namedParameters).serialize()
        let checkpoint = try Checkpoint.deserialize(data)
        XCTAssertTrue(checkpoint.weights.contains { $0.name.hasPrefix("member1.") })
        let restored = try checkpoint.makeModel(adapters: [])
        XCTAssertEqual(restored.otherMembers.count, 1)
        func forecast(_ model: AICMETModel) throws -> [Double] {
            try AICMETForecaster(name: "e", model: model, samples: 8, plan: .amortized).forecast(request).points.map(\.median)
        }
        XCTAssertEqual(try forecast(restored), try forecast(ensemble))

        XCTAssertThrowsError(try checkpoint.restore(into: try AICMETModel(spec: fixtureSpec(), adapters: [], seed: 1))) { error in
            XCTAssertTrue("\(error)".contains("(2 against 1 ensemble members)"), "\(error)")
        }
        var single = checkpoint
        single.spec.ensemble = nil
        XCTAssertThrowsError(try single.makeModel(adapters: [])) { error in
            XCTAssertTrue("\(error)".contains("does not use: member1."), "\(error)")
        }
        var three = checkpoint
        three.spec.ensemble = 3
        XCTAssertThrowsError(try three.makeModel(adapters: [])) { error in
            XCTAssertTrue("\(error)".contains("ensemble member 3 of 3") && "\(error)".contains("missing"), "\(error)")
        }
    }

    /// Members of different priors join only when allowed; the ensemble then takes the first member's prior and support.
    func testMixedPriorsJoinOnlyWhenAllowedAndKeepTheFirstMembersPrior() throws {
        var broad = fixtureSpec()
        broad.prior = "default+lag+first-and-last-dose"
        broad.support = PriorSupport(routes: ["oral"], maxDoses: 7, infusions: false, maxSampledDoseIntervals: 2)
        var narrow = fixtureSpec()
        narrow.prior = "default+lag"
        let models = try [(broad, 1), (narrow, 2)].map { try AICMETModel(spec: $0.0, adapters: [], seed: UInt64($0.1)) }
        XCTAssertThrowsError(try AICMETModel.joining(models)) { error in
            XCTAssertTrue("\(error)".contains("share one prior unless mixed priors are allowed"), "\(error)")
        }
        let joined = try AICMETModel.joining(models, mixedPriors: true)
        XCTAssertEqual(joined.spec.prior, broad.prior)
        XCTAssertEqual(joined.spec.support, broad.support)
        XCTAssertEqual(joined.spec.memberCount, 2)
    }

    func testMembersMustShareTheArchitectureAndBeSingle() throws {
        let a = try AICMETModel(spec: fixtureSpec(), adapters: [], seed: 1)
        let b = try AICMETModel(spec: fixtureSpec("mixture:2"), adapters: [], seed: 2)
        XCTAssertThrowsError(try AICMETModel(spec: fixtureSpec(), members: [a, b])) { error in
            XCTAssertTrue("\(error)".contains("member 2"), "\(error)")
        }
        XCTAssertThrowsError(try AICMETModel(spec: fixtureSpec(), members: [a]))
        var one = fixtureSpec()
        one.ensemble = 1
        XCTAssertThrowsError(try AICMETModel(spec: one, adapters: [], seed: 1)) { error in
            XCTAssertTrue("\(error)".contains("at least 2"), "\(error)")
        }
        let (_, ensemble) = try makeEnsemble()
        XCTAssertThrowsError(try AICMETModel(spec: fixtureSpec(), members: [a, ensemble]))
        XCTAssertEqual(ensemble.members.map { $0.spec.ensemble }, [nil, nil])
        XCTAssertTrue(ensemble.members[0].network === ensemble.network)
        XCTAssertTrue(a.members[0] === a)
    }

    func testTrainingAnEnsembleDirectlyIsRefusedWithAHint() throws {
        let (_, ensemble) = try makeEnsemble()
        XCTAssertThrowsError(try Trainer(model: ensemble, config: TrainingConfig(steps: 1))) { error in
            XCTAssertTrue("\(error)".contains("train each member"), "\(error)")
        }
        let checkpoint = Checkpoint(spec: ensemble.spec, config: nil, state: TrainingState(), weights: ensemble.namedParameters)
        XCTAssertThrowsError(try checkpoint.warmStart(try AICMETModel(spec: fixtureSpec(), adapters: [], seed: 1)))
    }

    /// Finetuning moves every member, keeps the ensemble, and the original's weights stay as they were.
    func testFinetuningTrainsEveryMember() throws {
        let (members, ensemble) = try makeEnsemble()
        let before = ensemble.namedParameters.map { $0.tensor.scalars }
        let (tuned, report) = try Finetuner.run(model: ensemble, study: fixtureStudy(subjects: 5), name: "ft",
                                                config: FinetuneConfig(maxSteps: 4, batchStudies: 2, learningRate: 1e-2, evaluateEvery: 2))
        XCTAssertEqual(tuned.spec.ensemble, 2)
        XCTAssertEqual(ensemble.namedParameters.map { $0.tensor.scalars }, before, "the original is untouched")
        XCTAssertEqual(report.validation.map(\.step), Array([0, 2, 4].prefix(report.validation.count)))
        XCTAssertGreaterThan(report.bestStep, 0, "a learning rate of 1e-2 improves the untrained members")
        for (member, original) in zip(tuned.members, members) {
            XCTAssertNotEqual(member.network.parameters[0].tensor.scalars, original.network.parameters[0].tensor.scalars)
        }
        XCTAssertNotNil(tuned.spec.heldOutSpread)
    }
}
