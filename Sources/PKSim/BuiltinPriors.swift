/// The built-in prior configurations, the composable modifiers ("two-compartment+metabolite",
/// "one-compartment+multiple-dose", …) and the built-in covariate adapters.
public enum BuiltinPriors {
    /// one-compartment: the paper's reference prior with no peripheral compartment.
    public static var oneCompartment: PriorConfig {
        var c = PriorConfig(id: "one-compartment", summary: "paper prior, 1 compartment, oral (0.8) / IV bolus, single dose")
        c.peripheralWeights = [1]
        return c
    }

    /// two-compartment: the paper's reference prior (aicmet-model.md §1), P ∈ {1, 2, 3} peripherals.
    public static var twoCompartment: PriorConfig {
        var c = PriorConfig(id: "two-compartment", summary: "paper prior, central + P∈{1,2,3} peripherals, oral (0.8) / IV bolus, single dose")
        c.peripheralWeights = [0, 1, 1, 1]
        return c
    }

    /// metabolite: one compartment with a metabolite compartment (both outputs observed).
    public static var metabolite: PriorConfig {
        var c = oneCompartment
        c.id = "metabolite"; c.summary = "1 compartment + metabolite (outputs 0 and 1), oral (0.8) / IV bolus"
        c.metaboliteProbability = 1
        return c
    }

    /// default: the prior the shipped model is pretrained on — a mix covering clinical studies.
    public static var defaultPrior: PriorConfig {
        var c = PriorConfig(id: "default", summary: "mix: 1–3 cmt, oral/IV/infusion, single/multiple doses, sparse, WT covariate, carry-over, LLOQ")
        c.peripheralWeights = [0.35, 0.4, 0.25]
        c.logKe = UniformRange(-5, 0.5)
        c.logK1p = UniformRange(-4, 1)
        c.logKp1 = UniformRange(-4, 0)
        c.routeWeights = [0.55, 0.25, 0.2]
        c.multipleDoseProbability = 0.35
        c.doseIntervals = [4, 6, 8, 12, 24]
        c.residualSD = UniformRange(0.01, 0.15)
        // Variability down to that of well-controlled studies (BSV 10 % CV, within-subject 2 % CV, half the
        // studies below 7 %), so a model can learn from a study's context that its subjects are alike and
        // their profiles smooth, and narrow its intervals.
        c.betweenSubjectSD = UniformRange(0.1, 0.6)
        // Absorption varies most between subjects in oral studies (ka CV 30–100 %): an early sample below
        // the population's is then as likely slow absorption as low exposure.
        c.absorptionBetweenSubjectSD = UniformRange(0.2, 1.0)
        c.ouStationaryVariance = UniformRange(0.0005, 0.05)
        c.ouVarianceLogUniform = true
        c.horizon = UniformRange(8, 48)
        c.adaptHorizon = true
        c.sparseProbability = 0.3
        c.carryOverProbability = 0.1
        c.lloqFraction = UniformRange(0.001, 0.02)
        c.adapters = ["weight-allometric"]
        c.covariateProbability = 0.5
        c.subjectsMin = 5; c.subjectsMax = 12
        return c
    }

    public static var configs: [PriorConfig] { [defaultPrior, oneCompartment, twoCompartment, metabolite] }

    /// Modifiers composable after a base id with "+", each with a one-line description.
    public static let modifiers: [String: (summary: String, apply: @Sendable (inout PriorConfig) -> Void)] = [
        "metabolite": ("adds a metabolite compartment (output 1)", { $0.metaboliteProbability = 1 }),
        "single-oral": ("one oral dose", { $0.routeWeights = [1, 0, 0]; $0.multipleDoseProbability = 0 }),
        "single-iv": ("one IV bolus", { $0.routeWeights = [0, 1, 0]; $0.multipleDoseProbability = 0 }),
        "infusion": ("zero-order IV infusions", { $0.routeWeights = [0, 0, 1] }),
        "multiple-dose": ("multiple doses (2–7 at a fixed interval, loading dose, troughs)", { $0.multipleDoseProbability = 1 }),
        "sparse": ("sparse sampling (1–4 samples per subject)", { $0.sparseProbability = 1 }),
        "first-and-last-dose": ("half the multiple-dose subjects sampled after both the first and the last dose, as in drug monitoring",
                                { $0.firstAndLastDoseProbability = 0.5 }),
        "lag": ("an absorption lag time (0.1–1 h) in half the oral studies", { $0.lagProbability = 0.5 }),
        "partial-lag": ("an absorption lag time (0.1–1 h) in half the oral studies, in 20–100 % of their subjects (the others absorb at once: erratic absorption)",
                        { $0.lagProbability = 0.5; $0.laggedSubjects = UniformRange(0.2, 1) }),
        "zero-order-absorption": ("sequential zero-/first-order absorption (D1, typical 0.2–2 h, between-subject SD 0.2–0.8) in half the oral studies: a slow, then steep early rise",
                                  { $0.zeroOrderAbsorptionProbability = 0.5 }),
        "occasional-zero-order-absorption": ("sequential zero-/first-order absorption as in zero-order-absorption, in a quarter of the oral studies",
                                             { $0.zeroOrderAbsorptionProbability = 0.25 }),
        "pre-dose": ("a pre-dose sample at the first dose in half the studies; in 0–50 % of their subjects it reads a spurious 0.5–10 % of the peak",
                     { $0.preDoseSampleProbability = 0.5 }),
        "jitter": ("sampling times off the recorded ones by an SD of 1–12 min in half the studies (absorption-phase samples scatter)",
                   { $0.timeJitterProbability = 0.5 }),
        "combined-error": ("combined error in half the studies: an additive SD of 1–10 % of the subject's peak on top of the proportional one (low concentrations least precise; measurements ≤ 0 not reported)",
                           { $0.additiveErrorProbability = 0.5; $0.additiveFraction = UniformRange(0.01, 0.1) }),
        "clinical-designs": ("the designs of clinical studies more often: multiple doses in half the studies (not 35 %), sparse sampling (1–4 samples per subject) in 40 % (not 30 %)",
                             { $0.multipleDoseProbability = max($0.multipleDoseProbability, 0.5); $0.sparseProbability = max($0.sparseProbability, 0.4) }),
        "noisy": ("residual SD drawn from 1–30 % (clinical assays and model misfit), not 1–15 %", { $0.residualSD = UniformRange(0.01, 0.3) }),
    ]

    /// Built-in covariate adapters.
    public static var adapters: [any CovariateAdapter] {
        [WeightAllometricAdapter()]
    }

    /// A built-in or composed config: "BASE(+MODIFIER|+ADAPTER)*" where BASE is a built-in id, MODIFIER a
    /// key of `modifiers`, ADAPTER an adapter id (added, in every study). nil for unknown parts.
    public static func config(_ id: String, adapterIDs: Set<String> = ["weight-allometric"]) -> PriorConfig? {
        let parts = id.split(separator: "+").map(String.init)
        guard let baseID = parts.first, var c = configs.first(where: { $0.id == baseID }) else { return nil }
        for part in parts.dropFirst() {
            if let m = modifiers[part] { m.apply(&c) }
            else if adapterIDs.contains(part) {
                if !c.adapters.contains(part) { c.adapters.append(part) }
                c.covariateProbability = 1
            } else { return nil }
        }
        c.id = id
        if parts.count > 1 { c.summary += " + " + parts.dropFirst().joined(separator: " + ") }
        return c
    }

    /// A built-in or composed prior with its adapters, or nil for an unknown id.
    public static func prior(_ id: String) -> StructuralPrior? {
        config(id, adapterIDs: Set(adapters.map(\.id))).map { prior(config: $0) }
    }

    /// The prior of `config` with the built-in adapters it names (in its order; unknown ids are skipped).
    public static func prior(config c: PriorConfig) -> StructuralPrior {
        StructuralPrior(config: c, adapters: c.adapters.compactMap { id in adapters.first { $0.id == id } })
    }

    /// The built-in mix: one-compartment, two-compartment and metabolite with equal weights.
    public static var compartmentMix: PriorMix {
        PriorMix(id: "compartment-mix", summary: "equal mix of one-compartment, two-compartment, metabolite",
                 components: ["one-compartment", "two-compartment", "metabolite"].map { PriorMix.Component(prior: prior($0)!, weight: 1) })
    }
}
