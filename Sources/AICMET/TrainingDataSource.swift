import PKData
import PKSim

/// Where training examples come from: the variant's prior (pretraining) or a workspace study (finetuning).
public protocol TrainingDataSource {
    /// `count` examples, deterministic given `rng`.
    func examples(count: Int, rng: inout SeededGenerator) -> [TrainingExample]
}

/// Chooses up to `targets` distinct target subjects of a study, each with k ~ U{0…maxGiven} given observations.
func chooseTargets(subjectCount: Int, targets: Int, maxGiven: Int, rng: inout SeededGenerator) -> [(subject: Int, given: Int)] {
    var indices = Array(0..<subjectCount)
    indices.shuffle(using: &rng)
    return indices.prefix(min(targets, subjectCount)).map { ($0, Int.random(in: 0...maxGiven, using: &rng)) }
}

/// Studies simulated on the fly from a prior: `subjects` individuals each (context = all but the target).
public struct PriorDataSource: TrainingDataSource {
    public let prior: any Prior
    public let subjects: ClosedRange<Int>
    public let targetsPerStudy: Int
    public let maxGiven: Int

    public init(prior: any Prior, subjects: ClosedRange<Int> = 6...13, targetsPerStudy: Int = 3, maxGiven: Int = 5) {
        self.prior = prior; self.subjects = subjects; self.targetsPerStudy = targetsPerStudy; self.maxGiven = maxGiven
    }

    public func examples(count: Int, rng: inout SeededGenerator) -> [TrainingExample] {
        (0..<count).map { _ in
            let n = Int.random(in: subjects, using: &rng)
            let study = prior.sampleStudy(subjects: n, rng: &rng)
            return TrainingExample(study: study, targets: chooseTargets(subjectCount: study.subjects.count, targets: targetsPerStudy,
                                                                         maxGiven: maxGiven, rng: &rng))
        }
    }
}

/// A real study for finetuning: each example is the study (restricted to `subjectIndices`) with random
/// leave-one-subject-out targets.
public struct StudyDataSource: TrainingDataSource {
    public let study: Study
    public let targetsPerStudy: Int
    public let maxGiven: Int

    public init(study: Study, targetsPerStudy: Int = 3, maxGiven: Int = 5) {
        self.study = study; self.targetsPerStudy = targetsPerStudy; self.maxGiven = maxGiven
    }

    public func examples(count: Int, rng: inout SeededGenerator) -> [TrainingExample] {
        (0..<count).map { _ in
            TrainingExample(study: study, targets: chooseTargets(subjectCount: study.subjects.count, targets: targetsPerStudy,
                                                                  maxGiven: maxGiven, rng: &rng))
        }
    }
}
