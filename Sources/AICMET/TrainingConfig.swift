/// Settings of a training run (pretraining or finetuning). Stored with the run so it can be repeated.
public struct TrainingConfig: Codable, Hashable, Sendable {
    public var steps: Int
    /// Studies per optimisation step (split over two equal shards, one per thread).
    public var batchStudies: Int
    public var learningRate: Float
    public var minimumLearningRate: Float
    public var warmupSteps: Int
    /// KL weight β rises linearly from 0 to `weights.kl` over this many steps.
    public var klAnnealSteps: Int
    public var clipNorm: Float
    public var weightDecay: Float
    public var weights: ObjectiveWeights
    /// Threads for the two shards of a step (1 or 2); the result does not depend on it beyond rounding.
    public var threads: Int
    public var seed: UInt64
    public var checkpointEvery: Int
    /// When set, the run lasts this many seconds of training time instead of `steps` steps: the cosine
    /// decay follows elapsed time / budget, and `steps` is only an upper bound. (The number of steps
    /// reached is recorded; repeating the run with that `steps` and no budget reproduces it.)
    public var timeBudgetSeconds: Double?

    public init(steps: Int, batchStudies: Int = 32, learningRate: Float = 1e-3, minimumLearningRate: Float = 2e-5,
                warmupSteps: Int = 200, klAnnealSteps: Int = 1000, clipNorm: Float = 1, weightDecay: Float = 0,
                weights: ObjectiveWeights = ObjectiveWeights(), threads: Int = 2, seed: UInt64 = 1, checkpointEvery: Int = 250,
                timeBudgetSeconds: Double? = nil) {
        self.steps = steps; self.batchStudies = batchStudies; self.learningRate = learningRate
        self.minimumLearningRate = minimumLearningRate; self.warmupSteps = warmupSteps; self.klAnnealSteps = klAnnealSteps
        self.clipNorm = clipNorm; self.weightDecay = weightDecay; self.weights = weights; self.threads = threads
        self.seed = seed; self.checkpointEvery = checkpointEvery; self.timeBudgetSeconds = timeBudgetSeconds
    }
}

/// One point of a loss curve (means over the steps since the previous point).
public struct CurvePoint: Codable, Hashable, Sendable {
    public var step: Int
    public var values: ObjectiveValues
    public var learningRate: Float
    public var gradientNorm: Float
    public var seconds: Double
}

/// Where a run stands: enough, with the weights and optimiser state, to resume it exactly.
public struct TrainingState: Codable, Hashable, Sendable {
    public var step: Int
    public var curve: [CurvePoint]
    public var elapsedSeconds: Double
    public init(step: Int = 0, curve: [CurvePoint] = [], elapsedSeconds: Double = 0) {
        self.step = step; self.curve = curve; self.elapsedSeconds = elapsedSeconds
    }
}

/// Reported to the caller while training.
public struct TrainingProgress: Sendable {
    public var step: Int
    public var totalSteps: Int
    public var values: ObjectiveValues
    public var stepsPerSecond: Double
    public var etaSeconds: Double
}
