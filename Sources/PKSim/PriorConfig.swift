/// The configuration of the structural prior family (`StructuralPrior`): everything drawn per study is a
/// `UniformRange` or a set of weights; every field has a manifest key (`PriorConfig+Keys.swift`).
/// Log-parameters are natural logs of rates in 1/h and volumes in dose-relative units; times in hours.
/// The defaults are the paper's reference prior (aicmet-model.md §1) with P = 1.
public struct PriorConfig: Hashable, Codable, Sendable {
    public var id: String
    public var summary: String

    // Structure
    /// Weight of each number of peripherals P = 0, 1, 2, 3 (index = P).
    public var peripheralWeights: [Double] = [0, 1, 0, 0]
    /// Probability that a study has a metabolite compartment (observed as output 1).
    public var metaboliteProbability: Double = 0

    // Per-study population means of the log-parameters (uniform), and between-subject SD
    public var logKa = UniformRange(-1, 2)
    public var logKe = UniformRange(-5, 0)
    public var logV = UniformRange(2, 8)
    public var logK1p = UniformRange(-4, 0)
    public var logKp1 = UniformRange(-4, -1)
    /// Metabolite: fraction converted (not log), log elimination rate, log volume.
    public var fm = UniformRange(0.2, 0.8)
    public var logKem = UniformRange(-3, 0)
    public var logVm = UniformRange(2, 8)
    public var betweenSubjectSD = UniformRange(0.2, 0.6)
    /// Between-subject SD of ln ka when it differs from `betweenSubjectSD` (nil = the same range):
    /// absorption is usually the most variable parameter of an oral study.
    public var absorptionBetweenSubjectSD: UniformRange? = nil

    // Within-subject Ornstein–Uhlenbeck dynamics of the log-parameters
    public var ouStationaryVariance = UniformRange(0.01, 0.1)
    /// Draw the OU variance log-uniformly on its range (scale-free: as many studies near its low end,
    /// well-controlled ones, as near its high end) instead of uniformly.
    public var ouVarianceLogUniform = false
    /// Mean-reversion rate (1/h).
    public var ouRate = UniformRange(0.05, 0.5)

    // Residual error
    public var noise: NoiseKind = .proportional
    /// Proportional (or log-normal) SD.
    public var residualSD = UniformRange(0.001, 0.01)
    /// Additive SD as a fraction of the subject's maximal concentration (additive and combined only).
    public var additiveFraction = UniformRange(0.005, 0.02)
    /// Probability that a proportional-noise study has combined error instead (`additiveFraction` added to
    /// its proportional SD, as real assays have: low concentrations — early absorption, late terminal phase —
    /// are the least precise). Under additive or combined error a measurement ≤ 0 is not reported (censored,
    /// as below any quantification limit). 0 = never (no draws are made, so the stream is unchanged).
    public var additiveErrorProbability: Double = 0

    // Dosing
    /// Weights of the routes: oral (first-order absorption), IV bolus, zero-order IV infusion.
    public var routeWeights: [Double] = [0.8, 0.2, 0]
    /// Infusion duration (h).
    public var infusionDuration = UniformRange(0.5, 2)
    /// Probability of a multiple-dose regimen (else one dose at time 0).
    public var multipleDoseProbability: Double = 0
    public var doseCountMin = 2
    public var doseCountMax = 7
    /// Dosing intervals (h) to choose from for multiple doses.
    public var doseIntervals: [Double] = [6, 8, 12, 24]
    public var loadingDoseProbability: Double = 0.3
    /// The loading dose is this multiple of the maintenance dose.
    public var loadingDoseFactor = UniformRange(1.5, 3)
    /// Per-study mean and SD of the subjects' log dose amount.
    public var logDoseMean = UniformRange(-2, 2)
    public var logDoseSD = UniformRange(0.1, 0.5)
    /// Probability that an oral study has an absorption lag time (NONMEM's ALAG): its typical lag (h) is
    /// uniform on `lag`, each subject's is log-normal about it with SD drawn from `lagBetweenSubjectSD`.
    /// 0 = never (no draws are made, so the study stream of a prior without lags is unchanged).
    public var lagProbability: Double = 0
    public var lag = UniformRange(0.1, 1)
    public var lagBetweenSubjectSD = UniformRange(0.2, 0.6)
    /// Share of the subjects of a lag study that have the lag (drawn per study); the others absorb at once,
    /// as in erratic absorption (some subjects' early samples low, then a steep rise). [1, 1] = every subject
    /// (nothing is drawn, so the stream of a prior without partial lags is unchanged).
    public var laggedSubjects = UniformRange(1, 1)
    /// Probability that an oral study has sequential zero-/first-order absorption (NONMEM's D1 into the
    /// depot, as from a tablet that dissolves over a while): its typical release duration (h) is uniform on
    /// `absorptionDuration`, each subject's log-normal about it with SD drawn from
    /// `absorptionDurationBetweenSubjectSD`. The early profile then rises slowly and then steeply, and a low
    /// first sample says little about exposure. 0 = never (no draws are made, so the stream is unchanged).
    public var zeroOrderAbsorptionProbability: Double = 0
    public var absorptionDuration = UniformRange(0.2, 2)
    public var absorptionDurationBetweenSubjectSD = UniformRange(0.2, 0.8)

    // Sampling design
    /// Time horizon (h) after the (last) dose; when `adaptHorizon`, T_peak + `horizonHalfLives`·T_half
    /// clamped into this range, else uniform on it.
    public var horizon = UniformRange(16, 24)
    public var adaptHorizon = false
    public var horizonHalfLives = UniformRange(3, 6)
    /// Probability that a study's grid is randomised (each subject drawing its own times).
    public var randomisedGridProbability: Double = 0.5
    public var maxSamples = 15
    /// Probability of a sparse study: each subject keeps 1…`sparseMaxSamples` random points of its grid.
    public var sparseProbability: Double = 0
    public var sparseMaxSamples = 4
    /// Multiple doses: probability of a trough sample before each dose after the first.
    public var troughProbability: Double = 0.5
    /// Multiple doses: probability that a subject is sampled after both the first dose (within its interval)
    /// and the last, as in therapeutic drug monitoring with a first-dose level and a later one; otherwise one
    /// of the two is profiled (the first with probability 0.3). 0 = never (no draw is made, so the stream of
    /// a prior without it is unchanged).
    public var firstAndLastDoseProbability: Double = 0
    /// Probability of carry-over: an amount of `carryOverFraction` × the first dose in the central
    /// compartment before it, and a pre-dose sample at the first dose time.
    public var carryOverProbability: Double = 0
    public var carryOverFraction = UniformRange(0.02, 0.1)
    /// Probability that a study takes a pre-dose sample at the first dose time in every subject. Without
    /// carry-over it reads 0 (and is dropped below the quantification limit) except in a fraction of the
    /// subjects, drawn per study from `preDoseResidueSubjects`, where it reads a spurious residue of
    /// `preDoseResidueFraction` (log-uniform) × the subject's peak, unrelated to its kinetics (contamination,
    /// assay noise). 0 = never (no draws are made, so the stream of a prior without them is unchanged).
    public var preDoseSampleProbability: Double = 0
    public var preDoseResidueSubjects = UniformRange(0, 0.5)
    public var preDoseResidueFraction = UniformRange(0.005, 0.1)
    /// Probability that a study's samples were taken at times other than those recorded (clock and
    /// recording errors): each sample after a dose is simulated at its recorded time + SD·ε (ε ~ N(0, 1),
    /// SD in hours drawn per study from `timeJitterSD`), kept within ± half its time since the last dose and
    /// never past the next dose; samples at a dose time (troughs, pre-dose) are taken as recorded.
    /// The data keep the recorded times, so steep (absorption-phase) samples scatter most. 0 = never (no
    /// draws are made, so the stream of a prior without jitter is unchanged).
    public var timeJitterProbability: Double = 0
    public var timeJitterSD = UniformRange(0.02, 0.2)

    /// Quantification limit as a fraction of the study's largest observation of each output (drawn per
    /// study): observations below it are not reported (dropped), as in real assays; a study leaving a
    /// subject without observations is rejected. [0, 0] = off.
    public var lloqFraction = UniformRange(0, 0)

    // Covariates
    /// Ids of the covariate adapters whose covariates the subjects carry in a study with covariates.
    public var adapters: [String] = []
    public var covariateProbability: Double = 0

    // Study size for `sampleStudy(rng:)`
    public var subjectsMin = 5
    public var subjectsMax = 10

    /// Simulation engine: "auto" (exact piecewise closed form; RK45 with a metabolite) or "rk45" (always RK45).
    public var engine: String = "auto"

    // Rejection: concentrations must lie in [0, maxConcentration) and not all be ≤ minPeak.
    public var maxConcentration: Double = 10
    public var minPeak: Double = 1e-9

    public init(id: String, summary: String) { self.id = id; self.summary = summary }
}
