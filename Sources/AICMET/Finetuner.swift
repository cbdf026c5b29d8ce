import Foundation
import PKData
import Tensor

/// Settings of finetuning on one study.
public struct FinetuneConfig: Codable, Hashable, Sendable {
    public var maxSteps: Int
    public var batchStudies: Int
    public var learningRate: Float
    /// Share of the subjects held out for early stopping (at least one; at least two remain for training).
    public var validationFraction: Double
    public var evaluateEvery: Int
    /// Stop after this many evaluations without improvement.
    public var patience: Int
    public var seed: UInt64

    public init(maxSteps: Int = 400, batchStudies: Int = 8, learningRate: Float = 1e-4, validationFraction: Double = 0.25,
                evaluateEvery: Int = 20, patience: Int = 4, seed: UInt64 = 1) {
        self.maxSteps = maxSteps; self.batchStudies = batchStudies; self.learningRate = learningRate
        self.validationFraction = validationFraction; self.evaluateEvery = evaluateEvery; self.patience = patience; self.seed = seed
    }
}

/// What finetuning did: the validation curve, the chosen step and the held-out subjects.
public struct FinetuneReport: Codable, Sendable {
    public var validationSubjects: [String]
    /// (step, mean negative log predictive density per held-out point, normalised log scale).
    public var validation: [ValidationPoint]
    public var bestStep: Int
    public var stoppedEarly: Bool
    public var state: TrainingState

    public struct ValidationPoint: Codable, Sendable { public var step: Int; public var nll: Double }
}

/// Finetunes a copy of a model on a study: leave-one-subject-out targets from the training subjects,
/// early stopping on the held-out subjects' forecasts (k = 0…4), keeping the best weights; the copy's
/// spread is then measured on the held-out subjects (`HeldOutSpread`, in its spec). Every member of an
/// ensemble is finetuned, on the same batches, and stopped together.
public enum Finetuner {
    public static func run(model: AICMETModel, study: Study, name: String, config: FinetuneConfig,
                           shouldStop: () -> Bool = { false },
                           onProgress: (TrainingProgress, Double?) -> Void = { _, _ in }) throws -> (model: AICMETModel, report: FinetuneReport) {
        let usable = study.subjects.filter { !model.layout.usableObservations($0).isEmpty }
        guard usable.count >= 3 else {
            throw AICMETError.invalidInput("study '\(study.name)' has \(usable.count) subject(s) with observations; finetuning needs at least 3 (2 to train, 1 to validate)")
        }
        var rng = SeededGenerator(seed: config.seed)
        let shuffled = usable.shuffled(using: &rng)
        let heldOut = max(1, min(usable.count - 2, Int((Double(usable.count) * config.validationFraction).rounded())))
        let validation = Array(shuffled.prefix(heldOut)), training = Array(shuffled.dropFirst(heldOut))

        var spec = model.spec
        spec.name = name
        // The study's subjects are no longer held out from this model: calibrating on them would be in-sample.
        // Its spread is measured on the validation subjects instead, once the weights are chosen.
        spec.inference?.calibrated = false
        spec.heldOutSpread = nil
        spec.syntheticSpread = nil
        let tuned = try AICMETModel(spec: spec, adapters: model.layout.adapters, seed: 0)
        try Checkpoint(spec: model.spec, config: nil, state: TrainingState(), weights: model.namedParameters).restore(into: tuned)
        let trainingConfig = TrainingConfig(steps: config.maxSteps, batchStudies: config.batchStudies, learningRate: config.learningRate,
                                            minimumLearningRate: config.learningRate / 10, warmupSteps: 0, klAnnealSteps: 1,
                                            threads: 2, seed: config.seed, checkpointEvery: config.maxSteps + 1)
        // An ensemble's members train in lockstep on the same batches; early stopping reads the ensemble's predictive.
        let trainers = try tuned.members.map { try Trainer(model: $0, config: trainingConfig) }
        let data = StudyDataSource(study: Study(name: study.name, subjects: training, units: study.units))

        var best = try validationNLL(tuned, training: training, validation: validation)
        var bestWeights = tuned.namedParameters.map { $0.tensor.scalars }
        var curve = [FinetuneReport.ValidationPoint(step: 0, nll: best)]
        var bestStep = 0, sinceBest = 0, stoppedEarly = false
        while trainers[0].state.step < config.maxSteps && !shouldStop() {
            let target = trainers[0].state.step + config.evaluateEvery
            for (m, trainer) in trainers.enumerated() {
                try trainer.run(data: data, shouldStop: { trainer.state.step >= target || shouldStop() },
                                onProgress: { if m == 0 { onProgress($0, nil) } })
            }
            let step = trainers[0].state.step
            let nll = try validationNLL(tuned, training: training, validation: validation)
            curve.append(.init(step: step, nll: nll))
            onProgress(TrainingProgress(step: step, totalSteps: config.maxSteps, values: ObjectiveValues(),
                                        stepsPerSecond: 0, etaSeconds: 0), nll)
            if nll < best - 1e-4 {
                best = nll; bestStep = step; sinceBest = 0
                bestWeights = tuned.namedParameters.map { $0.tensor.scalars }
            } else {
                sinceBest += 1
                if sinceBest >= config.patience { stoppedEarly = true; break }
            }
        }
        let named = zip(tuned.namedParameters, bestWeights).map { (name: $0.name, tensor: Tensor(shape: $0.tensor.shape, scalars: $1)) }
        try Checkpoint(spec: spec, config: nil, state: TrainingState(), weights: named).restore(into: tuned)
        spec.heldOutSpread = try HeldOutSpread.measure(AICMETForecaster(name: name, model: tuned), training: training,
                                                       validation: validation, seed: config.seed)
        let report = FinetuneReport(validationSubjects: validation.map(\.id), validation: curve, bestStep: bestStep,
                                    stoppedEarly: stoppedEarly, state: trainers[0].state)
        return (AICMETModel(spec: spec, sharingNetworkOf: tuned), report)
    }

    /// Mean negative log predictive density of the held-out subjects' hidden points (k = 0…4 given),
    /// on the normalised log scale, with the training subjects as context.
    static func validationNLL(_ model: AICMETModel, training: [Subject], validation: [Subject]) throws -> Double {
        var total = 0.0, count = 0
        for subject in validation {
            let observations = model.layout.usableObservations(subject).filter { $0.output == 0 }
            for k in 0...4 {
                let split = GivenSplit(observations, firstDose: subject.firstDoseTime, given: k)
                guard !split.hidden.isEmpty else { continue }
                var target = subject
                target.observations = split.given
                let (scaling, mixtures) = try model.predictiveDistributions(
                    context: training, target: target, times: split.hidden.map(\.time), samples: 32, seed: UInt64(k))
                for (obs, mixture) in zip(split.hidden, mixtures) {
                    total -= max(mixture.logDensity(scaling.logConcentration(obs.value)), -50); count += 1
                }
            }
        }
        return total / Double(max(count, 1))
    }
}
