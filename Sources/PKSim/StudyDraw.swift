import Foundation
import PKData

/// The per-study draws of a `StructuralPrior`: structure, population means and between-subject SDs of
/// the log-parameters, OU dynamics, noise, regimen and design choices. Subjects are then drawn from it.
struct StudyDraw {
    var typical: PKParameters              // population typical values (exp of the log means)
    var bsv: [Double]                      // between-subject SD per log-parameter (layout of logParameters)
    var ou: OUProcess
    var noiseSD: Double
    var additiveFraction: Double
    var route: DoseRoute
    var infusionDuration: Double
    var doseCount: Int
    var interval: Double
    var loadingFactor: Double              // 1 = no loading dose
    var logDoseMean: Double
    var logDoseSD: Double
    var horizon: Double
    var design: SamplingDesign
    var randomised: Bool
    var sparse: Bool
    var carryOver: Double                  // fraction of the first dose present before it (0 = none)
    var withCovariates: Bool
    var lloqFraction: Double
    var lag: Double                        // typical absorption lag (h) of an oral study; 0 = none
    var lagBSV: Double                     // between-subject SD of ln lag
    var laggedSubjects: Double             // probability that a subject of a lag study has the lag
    var absorptionDuration: Double         // typical zero-order release duration D1 (h) of an oral study; 0 = none
    var absorptionDurationBSV: Double      // between-subject SD of ln D1
    var preDoseSample: Bool                // every subject is sampled at the first dose time, before it
    var residueSubjects: Double            // probability that a subject's pre-dose sample reads a spurious residue
    var timeJitterSD: Double               // SD (h) of actual − recorded sampling time; 0 = none
    var combinedError: Bool                // a proportional-noise study drawn with combined error instead

    init(_ c: PriorConfig, rng: inout SeededGenerator) {
        let p = rng.pick(c.peripheralWeights)
        let metabolite = rng.bernoulli(c.metaboliteProbability)
        var par = PKParameters(ka: exp(rng.uniform(c.logKa)), ke: exp(rng.uniform(c.logKe)), v: exp(rng.uniform(c.logV)))
        for _ in 0..<p { par.peripherals.append(Peripheral(k1p: exp(rng.uniform(c.logK1p)), kp1: exp(rng.uniform(c.logKp1)))) }
        if metabolite {
            par.metabolite = MetaboliteParameters(fm: rng.uniform(c.fm), kem: exp(rng.uniform(c.logKem)), vm: exp(rng.uniform(c.logVm)))
        }
        typical = par
        bsv = (0..<par.logParameterCount).map { k in rng.uniform(k == 0 ? c.absorptionBetweenSubjectSD ?? c.betweenSubjectSD : c.betweenSubjectSD) }
        let ouRange = c.ouStationaryVariance
        let ouVariance = c.ouVarianceLogUniform && ouRange.lo > 0   // validate() refuses log-uniform with lo ≤ 0
            ? rng.logUniform(ouRange) : rng.uniform(ouRange)
        ou = OUProcess(rate: rng.uniform(c.ouRate), stationaryVariance: ouVariance)
        noiseSD = rng.uniform(c.residualSD)
        additiveFraction = rng.uniform(c.additiveFraction)
        switch rng.pick(c.routeWeights) {
        case 0: route = .oral; infusionDuration = 0
        case 1: route = .iv; infusionDuration = 0
        default: route = .iv; infusionDuration = rng.uniform(c.infusionDuration)
        }
        if rng.bernoulli(c.multipleDoseProbability) && !c.doseIntervals.isEmpty {
            doseCount = rng.integer(c.doseCountMin, c.doseCountMax)
            interval = c.doseIntervals[rng.integer(0, c.doseIntervals.count - 1)]
            loadingFactor = rng.bernoulli(c.loadingDoseProbability) ? rng.uniform(c.loadingDoseFactor) : 1
        } else {
            doseCount = 1; interval = 0; loadingFactor = 1
        }
        logDoseMean = rng.uniform(c.logDoseMean)
        logDoseSD = rng.uniform(c.logDoseSD)
        let probe = SamplingDesign.forDose(route: route, duration: infusionDuration, ka: par.ka, ke: par.ke,
                                           horizon: .infinity, maxSamples: c.maxSamples)
        if c.adaptHorizon {
            let h = probe.tPeak + rng.uniform(c.horizonHalfLives) * probe.tHalf
            horizon = min(max(h, c.horizon.lo), c.horizon.hi)
        } else {
            horizon = rng.uniform(c.horizon)
        }
        design = probe
        design.horizon = horizon
        randomised = rng.bernoulli(c.randomisedGridProbability)
        sparse = rng.bernoulli(c.sparseProbability)
        carryOver = rng.bernoulli(c.carryOverProbability) ? rng.uniform(c.carryOverFraction) : 0
        withCovariates = rng.bernoulli(c.covariateProbability)
        lloqFraction = rng.uniform(c.lloqFraction)
        // Drawn last and only when lags are possible, so that priors without them keep their stream.
        lag = 0; lagBSV = 0; laggedSubjects = 1
        if c.lagProbability > 0 && route == .oral && rng.bernoulli(c.lagProbability) {
            lag = rng.uniform(c.lag); lagBSV = rng.uniform(c.lagBetweenSubjectSD); laggedSubjects = rng.uniform(c.laggedSubjects)
        }
        preDoseSample = false; residueSubjects = 0
        if c.preDoseSampleProbability > 0 && rng.bernoulli(c.preDoseSampleProbability) {
            preDoseSample = true; residueSubjects = rng.uniform(c.preDoseResidueSubjects)
        }
        timeJitterSD = 0
        if c.timeJitterProbability > 0 && rng.bernoulli(c.timeJitterProbability) {
            timeJitterSD = rng.uniform(c.timeJitterSD)
        }
        combinedError = c.noise == .proportional && c.additiveErrorProbability > 0 && rng.bernoulli(c.additiveErrorProbability)
        absorptionDuration = 0; absorptionDurationBSV = 0
        if c.zeroOrderAbsorptionProbability > 0 && route == .oral && rng.bernoulli(c.zeroOrderAbsorptionProbability) {
            absorptionDuration = rng.uniform(c.absorptionDuration); absorptionDurationBSV = rng.uniform(c.absorptionDurationBetweenSubjectSD)
        }
    }

    /// Dose times of the regimen (first at 0).
    var doseTimes: [Double] { (0..<doseCount).map { Double($0) * interval } }
}
