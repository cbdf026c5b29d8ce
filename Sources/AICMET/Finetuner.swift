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
    /// 1: one split (`validationFraction` held out, the model trained on the rest). F ≥ 2: F-fold cross-validation —
    /// F copies, each holding out one fold, choose the step on their pooled validation curve and measure the spread on
    /// every subject; the model is then trained on all subjects for that many steps (`Finetuner.crossValidated`).
    public var folds: Int

    public init(maxSteps: Int = 400, batchStudies: Int = 8, learningRate: Float = 1e-4, validationFraction: Double = 0.25,
                evaluateEvery: Int = 20, patience: Int = 4, seed: UInt64 = 1, folds: Int = 1) {
        self.maxSteps = maxSteps; self.batchStudies = batchStudies; self.learningRate = learningRate
        self.validationFraction = validationFraction; self.evaluateEvery = evaluateEvery; self.patience = patience; self.seed = seed
        self.folds = folds
    }
}

/// What finetuning did: the validation curve, the chosen step and the held-out subjects.
public struct FinetuneReport: Codable, Sendable {
    /// The held-out subjects (with folds: every subject, each held out once).
    public var validationSubjects: [String]
    /// Cross-validation folds (nil: one split, as before folds existed).
    public var folds: Int?
    /// (step, mean negative log predictive density per held-out point, normalised log scale).
    public var validation: [ValidationPoint]
    public var bestStep: Int
    public var stoppedEarly: Bool
    public var state: TrainingState

    public struct ValidationPoint: Codable, Sendable { public var step: Int; public var nll: Double }

    /// `held out: 8, 10, 4` (one split) or `4 folds, every subject held out once`.
    public var heldOutDescription: String {
        folds.map { "\($0) folds, every subject held out once" } ?? "held out: " + validationSubjects.joined(separator: ", ")
    }
}

/// Finetunes a copy of a model on a study: leave-one-subject-out targets from the training subjects,
/// early stopping on the held-out subjects' forecasts (k = 0…4), keeping the best weights; the copy's
/// spread is then measured on the held-out subjects (`HeldOutSpread`, in its spec). Every member of an
/// ensemble is finetuned, on the same batches, and stopped together. With `FinetuneConfig.folds` ≥ 2 the step
/// and the spread are chosen by cross-validation instead (`crossValidated`).
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
        var spec = model.spec
        spec.name = name
        // The study's subjects are no longer held out from this model: calibrating on them would be in-sample.
        // Its spread is measured on held-out subjects instead, once the weights are chosen.
        spec.inference?.calibrated = false
        spec.heldOutSpread = nil
        spec.syntheticSpread = nil
        if config.folds >= 2 {
            return try crossValidated(model, subjects: shuffled, study: study, spec: spec, config: config,
                                      shouldStop: shouldStop, onProgress: onProgress)
        }
        let heldOut = max(1, min(usable.count - 2, Int((Double(usable.count) * config.validationFraction).rounded())))
        let split = Split(training: Array(shuffled.dropFirst(heldOut)), validation: Array(shuffled.prefix(heldOut)))
        let tuned = try copy(of: model, spec: spec, config: config)
        let stopping = try earlyStopping([tuned], splits: [split], study: study, config: config, shouldStop: shouldStop, onProgress: onProgress)
        try restore(stopping.bestWeights[0], into: tuned.model, spec: spec)
        spec.heldOutSpread = try HeldOutSpread.measure(AICMETForecaster(name: name, model: tuned.model), training: split.training,
                                                       validation: split.validation, seed: config.seed)
        let report = FinetuneReport(validationSubjects: split.validation.map(\.id), validation: stopping.curve, bestStep: stopping.bestStep,
                                    stoppedEarly: stopping.stoppedEarly, state: tuned.trainers[0].state)
        return (AICMETModel(spec: spec, sharingNetworkOf: tuned.model), report)
    }

    /// F-fold cross-validated finetuning on `subjects` (shuffled; F = min(`config.folds`, subjects), fold f holds
    /// out subjects f, f + F, …): F copies, each trained without its fold, are stopped together on their pooled
    /// validation NLL (`earlyStopping`). Each copy's weights at the chosen step forecast its fold, and the spread is
    /// the conformal factor of all those errors (every subject out of sample once). A last copy then trains on
    /// every subject for the chosen number of steps, on the same schedule: that is the result.
    static func crossValidated(_ model: AICMETModel, subjects: [Subject], study: Study, spec: VariantSpec, config: FinetuneConfig,
                               shouldStop: () -> Bool,
                               onProgress: (TrainingProgress, Double?) -> Void) throws -> (model: AICMETModel, report: FinetuneReport) {
        let folds = min(config.folds, subjects.count)
        let splits = (0..<folds).map { f in
            Split(training: subjects.indices.filter { $0 % folds != f }.map { subjects[$0] },
                  validation: subjects.indices.filter { $0 % folds == f }.map { subjects[$0] })
        }
        let copies = try splits.map { _ in try copy(of: model, spec: spec, config: config) }
        let stopping = try earlyStopping(copies, splits: splits, study: study, config: config, shouldStop: shouldStop, onProgress: onProgress)
        var errors = [[Double]](repeating: [], count: HeldOutSpread.maximumGiven + 1)
        for (f, split) in splits.enumerated() {
            try restore(stopping.bestWeights[f], into: copies[f].model, spec: spec)
            let foldErrors = try HeldOutSpread.errors(AICMETForecaster(name: spec.name, model: copies[f].model), context: split.training,
                                                      targets: split.validation, seed: config.seed, cache: EncoderCache())
            for k in errors.indices { errors[k] += foldErrors[k] }
        }
        let tuned = try copy(of: model, spec: spec, config: config)
        let everyone = StudyDataSource(study: Study(name: study.name, subjects: subjects, units: study.units))
        try train(tuned.trainers, on: everyone, to: stopping.bestStep, shouldStop: shouldStop) { _ in }
        var spec = spec
        spec.heldOutSpread = HeldOutSpread(errors: errors, subjects: subjects.count)
        let report = FinetuneReport(validationSubjects: subjects.map(\.id), folds: folds, validation: stopping.curve,
                                    bestStep: stopping.bestStep, stoppedEarly: stopping.stoppedEarly, state: tuned.trainers[0].state)
        return (AICMETModel(spec: spec, sharingNetworkOf: tuned.model), report)
    }

    /// The subjects a copy trains on and the ones it is validated on.
    struct Split { var training: [Subject]; var validation: [Subject] }

    /// A finetuned copy: its model and one trainer per member.
    typealias Copy = (model: AICMETModel, trainers: [Trainer])

    /// Trains `copies[i]` on `splits[i].training` in rounds of `evaluateEvery` steps (all on one schedule) until
    /// `maxSteps`, or `patience` rounds without a lower validation NLL pooled over every split's held-out points
    /// (`validationNLL`, its validation subjects forecast from its training subjects); returns the curve (step 0 =
    /// the initial weights), the best step and every copy's weights at it.
    static func earlyStopping(_ copies: [Copy], splits: [Split], study: Study, config: FinetuneConfig, shouldStop: () -> Bool,
                              onProgress: (TrainingProgress, Double?) -> Void) throws
        -> (curve: [FinetuneReport.ValidationPoint], bestStep: Int, stoppedEarly: Bool, bestWeights: [[[Float]]]) {
        let data = splits.map { StudyDataSource(study: Study(name: study.name, subjects: $0.training, units: study.units)) }
        func pooledNLL() throws -> Double {
            let parts = try zip(copies, splits).map { try validationNLL($0.model, training: $1.training, validation: $1.validation) }
            return parts.reduce(0) { $0 + $1.total } / Double(max(parts.reduce(0) { $0 + $1.count }, 1))
        }
        func weights() -> [[[Float]]] { copies.map { $0.model.namedParameters.map { $0.tensor.scalars } } }
        var best = try pooledNLL(), bestWeights = weights()
        var curve = [FinetuneReport.ValidationPoint(step: 0, nll: best)]
        var bestStep = 0, sinceBest = 0, stoppedEarly = false
        while copies[0].trainers[0].state.step < config.maxSteps && !shouldStop() {
            let target = copies[0].trainers[0].state.step + config.evaluateEvery
            for (i, copy) in copies.enumerated() {
                try train(copy.trainers, on: data[i], to: target, shouldStop: shouldStop) { if i == 0 { onProgress($0, nil) } }
            }
            let step = copies[0].trainers[0].state.step
            let nll = try pooledNLL()
            curve.append(.init(step: step, nll: nll))
            onProgress(TrainingProgress(step: step, totalSteps: config.maxSteps, values: ObjectiveValues(),
                                        stepsPerSecond: 0, etaSeconds: 0), nll)
            if nll < best - 1e-4 {
                best = nll; bestStep = step; sinceBest = 0; bestWeights = weights()
            } else {
                sinceBest += 1
                if sinceBest >= config.patience { stoppedEarly = true; break }
            }
        }
        return (curve, bestStep, stoppedEarly, bestWeights)
    }

    /// A copy of `model`'s weights under `spec` and one trainer per member on finetuning's schedule (an ensemble's
    /// members train in lockstep on the same batches; early stopping reads the ensemble's predictive).
    static func copy(of model: AICMETModel, spec: VariantSpec, config: FinetuneConfig) throws -> Copy {
        let tuned = try AICMETModel(spec: spec, adapters: model.layout.adapters, seed: 0)
        try Checkpoint(spec: model.spec, config: nil, state: TrainingState(), weights: model.namedParameters).restore(into: tuned)
        let trainingConfig = TrainingConfig(steps: config.maxSteps, batchStudies: config.batchStudies, learningRate: config.learningRate,
                                            minimumLearningRate: config.learningRate / 10, warmupSteps: 0, klAnnealSteps: 1,
                                            threads: 2, seed: config.seed, checkpointEvery: config.maxSteps + 1)
        return (tuned, try tuned.members.map { try Trainer(model: $0, config: trainingConfig) })
    }

    /// Trains every member up to step `step` (all on the same batches); progress from the first member.
    static func train(_ trainers: [Trainer], on data: StudyDataSource, to step: Int, shouldStop: () -> Bool,
                      onProgress: (TrainingProgress) -> Void) throws {
        for (m, trainer) in trainers.enumerated() {
            try trainer.run(data: data, shouldStop: { trainer.state.step >= step || shouldStop() },
                            onProgress: { if m == 0 { onProgress($0) } })
        }
    }

    /// Puts `weights` (the scalars of `model.namedParameters`, in order) back into `model`.
    static func restore(_ weights: [[Float]], into model: AICMETModel, spec: VariantSpec) throws {
        let named = zip(model.namedParameters, weights).map { (name: $0.name, tensor: Tensor(shape: $0.tensor.shape, scalars: $1)) }
        try Checkpoint(spec: spec, config: nil, state: TrainingState(), weights: named).restore(into: model)
    }

    /// Negative log predictive density of the held-out subjects' hidden points (k = 0…4 given), summed, and
    /// their count, on the normalised log scale, with the training subjects as context.
    static func validationNLL(_ model: AICMETModel, training: [Subject], validation: [Subject]) throws -> (total: Double, count: Int) {
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
        return (total, count)
    }
}
