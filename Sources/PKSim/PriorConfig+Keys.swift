/// The manifest / `--set` keys of `PriorConfig`, each validated (ranges of log-parameters inside
/// [−20, 20], SDs inside [0, 5], probabilities inside [0, 1], times positive, …).
extension PriorConfig {
    typealias Key = ConfigKey<PriorConfig>

    static func rangeKey(_ name: String, _ kp: WritableKeyPath<PriorConfig, UniformRange> & Sendable,
                         _ bounds: ClosedRange<Double>, _ help: String) -> Key {
        Key(name, help + " — [lo, hi] in [\(ConfigValue.format(bounds.lowerBound)), \(ConfigValue.format(bounds.upperBound))]",
            get: { .numbers([$0[keyPath: kp].lo, $0[keyPath: kp].hi]) },
            set: { c, v in c[keyPath: kp] = try ConfigRead.range(name, v, in: bounds) })
    }

    static func numberKey(_ name: String, _ kp: WritableKeyPath<PriorConfig, Double> & Sendable,
                          _ bounds: ClosedRange<Double>, _ help: String) -> Key {
        Key(name, help + " — a number in [\(ConfigValue.format(bounds.lowerBound)), \(ConfigValue.format(bounds.upperBound))]",
            get: { .number($0[keyPath: kp]) },
            set: { c, v in c[keyPath: kp] = try ConfigRead.number(name, v, in: bounds) })
    }

    static func probabilityKey(_ name: String, _ kp: WritableKeyPath<PriorConfig, Double> & Sendable, _ help: String) -> Key {
        numberKey(name, kp, 0...1, help)
    }

    static func intKey(_ name: String, _ kp: WritableKeyPath<PriorConfig, Int> & Sendable, _ bounds: ClosedRange<Int>, _ help: String) -> Key {
        Key(name, help + " — an integer in [\(bounds.lowerBound), \(bounds.upperBound)]",
            get: { .number(Double($0[keyPath: kp])) },
            set: { c, v in c[keyPath: kp] = try ConfigRead.integer(name, v, in: bounds) })
    }

    static func intPairKey(_ name: String, _ lo: WritableKeyPath<PriorConfig, Int> & Sendable,
                           _ hi: WritableKeyPath<PriorConfig, Int> & Sendable, _ bounds: ClosedRange<Int>, _ help: String) -> Key {
        Key(name, help + " — [min, max] integers in [\(bounds.lowerBound), \(bounds.upperBound)]",
            get: { .numbers([Double($0[keyPath: lo]), Double($0[keyPath: hi])]) },
            set: { c, v in
                let xs = try ConfigRead.numbers(name, v, in: Double(bounds.lowerBound)...Double(bounds.upperBound), count: 1...2)
                guard xs.allSatisfy({ $0 == $0.rounded() }) else { throw ConfigError(key: name, message: "expected integers, got \(v)") }
                let (a, b) = (Int(xs[0]), Int(xs.count == 2 ? xs[1] : xs[0]))
                guard a <= b else { throw ConfigError(key: name, message: "minimum \(a) exceeds maximum \(b)") }
                c[keyPath: lo] = a; c[keyPath: hi] = b
            })
    }

    /// Every key, in manifest order.
    public static let keys: [ConfigKey<PriorConfig>] = [
        Key("peripherals", "allowed numbers of peripheral compartments, drawn uniformly — a list of integers in [0, 3]",
            get: { c in .numbers(c.peripheralWeights.indices.filter { c.peripheralWeights[$0] > 0 }.map(Double.init)) },
            set: { c, v in
                let ps = try ConfigRead.numbers("peripherals", v, in: 0...3, count: 1...4)
                guard ps.allSatisfy({ $0 == $0.rounded() }) else { throw ConfigError(key: "peripherals", message: "expected integers in [0, 3], got \(v)") }
                var w = [Double](repeating: 0, count: Int(ps.max()!) + 1)
                for p in ps { w[Int(p)] = 1 }
                c.peripheralWeights = w
            }),
        Key("peripheral_weights", "weights of P = 0, 1, 2, 3 peripherals — 1 to 4 non-negative numbers",
            get: { .numbers($0.peripheralWeights) },
            set: { c, v in c.peripheralWeights = try ConfigRead.weights("peripheral_weights", v, count: 1...4) }),
        probabilityKey("metabolite_probability", \.metaboliteProbability, "probability of a metabolite compartment (output 1)"),
        rangeKey("log_ka", \.logKa, -20...20, "study mean of ln ka (1/h)"),
        rangeKey("log_ke", \.logKe, -20...20, "study mean of ln ke (1/h)"),
        rangeKey("log_v", \.logV, -20...20, "study mean of ln V (dose-relative volume)"),
        rangeKey("log_k1p", \.logK1p, -20...20, "study mean of ln k1p, central → peripheral (1/h)"),
        rangeKey("log_kp1", \.logKp1, -20...20, "study mean of ln kp1, peripheral → central (1/h)"),
        rangeKey("fm", \.fm, 0...1, "fraction of the parent's elimination forming metabolite"),
        rangeKey("log_kem", \.logKem, -20...20, "study mean of ln kem, metabolite elimination (1/h)"),
        rangeKey("log_vm", \.logVm, -20...20, "study mean of ln Vm, metabolite volume"),
        rangeKey("between_subject_sd", \.betweenSubjectSD, 0...5, "between-subject SD of each log-parameter"),
        Key("ka_between_subject_sd", "between-subject SD of ln ka — [lo, hi] in [0, 5], or [] for the range of between_subject_sd",
            get: { c in .numbers(c.absorptionBetweenSubjectSD.map { [$0.lo, $0.hi] } ?? []) },
            set: { c, v in
                if v == .numbers([]) || v == .texts([]) { c.absorptionBetweenSubjectSD = nil; return }
                c.absorptionBetweenSubjectSD = try ConfigRead.range("ka_between_subject_sd", v, in: 0...5)
            }),
        rangeKey("ou_variance", \.ouStationaryVariance, 0...5, "stationary variance of the OU process on each log-parameter"),
        Key("ou_variance_log_uniform", "draw ou_variance log-uniformly on its range (its low end > 0) — true or false",
            get: { .flag($0.ouVarianceLogUniform) },
            set: { c, v in c.ouVarianceLogUniform = try ConfigRead.flag("ou_variance_log_uniform", v) }),
        rangeKey("ou_rate", \.ouRate, 1e-6...1e3, "OU mean-reversion rate (1/h)"),
        Key("noise", "residual error family — one of " + NoiseKind.allCases.map(\.rawValue).joined(separator: ", "),
            get: { .text($0.noise.rawValue) },
            set: { c, v in c.noise = NoiseKind(rawValue: try ConfigRead.text("noise", v, oneOf: NoiseKind.allCases.map(\.rawValue)))! }),
        rangeKey("residual_sd", \.residualSD, 0...2, "proportional (or log-normal) residual SD"),
        rangeKey("additive_fraction", \.additiveFraction, 0...2, "additive SD as a fraction of the subject's peak (additive, combined)"),
        probabilityKey("additive_error_probability", \.additiveErrorProbability, "probability that a proportional-noise study has combined (additive + proportional) error"),
        Key("route_weights", "weights of oral, IV bolus, IV infusion — 3 non-negative numbers",
            get: { .numbers($0.routeWeights) },
            set: { c, v in c.routeWeights = try ConfigRead.weights("route_weights", v, count: 3...3) }),
        rangeKey("infusion_duration", \.infusionDuration, 1e-3...1e3, "infusion duration (h)"),
        probabilityKey("multiple_dose_probability", \.multipleDoseProbability, "probability of a multiple-dose regimen"),
        intPairKey("dose_count", \.doseCountMin, \.doseCountMax, 1...100, "number of doses of a multiple-dose regimen"),
        Key("dose_intervals", "dosing intervals to choose from (h) — 1 to 20 positive numbers",
            get: { .numbers($0.doseIntervals) },
            set: { c, v in c.doseIntervals = try ConfigRead.numbers("dose_intervals", v, in: 1e-3...1e4, count: 1...20) }),
        probabilityKey("loading_dose_probability", \.loadingDoseProbability, "probability of a loading dose"),
        rangeKey("loading_dose_factor", \.loadingDoseFactor, 1...100, "loading dose / maintenance dose"),
        rangeKey("log_dose_mean", \.logDoseMean, -20...20, "study mean of the subjects' ln dose"),
        rangeKey("log_dose_sd", \.logDoseSD, 0...5, "SD of the subjects' ln dose"),
        rangeKey("horizon", \.horizon, 1e-3...1e4, "sampling horizon after the (last) dose (h)"),
        Key("adapt_horizon", "horizon = T_peak + horizon_half_lives·T_half clamped into horizon — true or false",
            get: { .flag($0.adaptHorizon) },
            set: { c, v in c.adaptHorizon = try ConfigRead.flag("adapt_horizon", v) }),
        rangeKey("horizon_half_lives", \.horizonHalfLives, 0...100, "half-lives after the peak covered by an adapted horizon"),
        probabilityKey("randomised_grid_probability", \.randomisedGridProbability, "probability of a randomised sampling grid"),
        intKey("max_samples", \.maxSamples, 1...100, "maximum samples per subject and output"),
        probabilityKey("sparse_probability", \.sparseProbability, "probability of a sparse study"),
        intKey("sparse_max_samples", \.sparseMaxSamples, 1...100, "samples per subject in a sparse study: 1 to this"),
        probabilityKey("trough_probability", \.troughProbability, "probability of a trough sample before each later dose"),
        probabilityKey("first_and_last_dose_probability", \.firstAndLastDoseProbability, "probability that a subject is sampled after both the first and the last of its doses"),
        probabilityKey("lag_probability", \.lagProbability, "probability that an oral study has an absorption lag time (ALAG)"),
        rangeKey("lag", \.lag, 0...48, "typical absorption lag time of a study with one (h)"),
        rangeKey("lag_between_subject_sd", \.lagBetweenSubjectSD, 0...5, "between-subject SD of ln lag"),
        rangeKey("lagged_subjects", \.laggedSubjects, 0...1, "share of a lag study's subjects that have the lag; the others absorb at once"),
        probabilityKey("zero_order_absorption_probability", \.zeroOrderAbsorptionProbability, "probability that an oral study releases each dose into the gut at a constant rate (D1)"),
        rangeKey("absorption_duration", \.absorptionDuration, 0...48, "typical zero-order release duration D1 of a study with one (h)"),
        rangeKey("absorption_duration_between_subject_sd", \.absorptionDurationBetweenSubjectSD, 0...5, "between-subject SD of ln D1"),
        probabilityKey("carry_over_probability", \.carryOverProbability, "probability of carry-over and a pre-dose sample"),
        rangeKey("carry_over_fraction", \.carryOverFraction, 0...10, "carry-over amount as a fraction of the first dose"),
        probabilityKey("pre_dose_sample_probability", \.preDoseSampleProbability, "probability of a pre-dose sample at the first dose in every subject"),
        rangeKey("pre_dose_residue_subjects", \.preDoseResidueSubjects, 0...1, "fraction of subjects whose pre-dose sample reads a spurious residue"),
        rangeKey("pre_dose_residue_fraction", \.preDoseResidueFraction, 1e-6...1, "spurious pre-dose residue / the subject's peak (log-uniform)"),
        probabilityKey("time_jitter_probability", \.timeJitterProbability, "probability that a study's actual sampling times differ from the recorded ones"),
        rangeKey("time_jitter_sd", \.timeJitterSD, 0...24, "SD of actual − recorded sampling time in a study with jitter (h)"),
        rangeKey("lloq_fraction", \.lloqFraction, 0...0.5, "quantification limit / study peak; lower observations are dropped"),
        Key("adapters", "ids of covariate adapters — a list of strings",
            get: { .texts($0.adapters) },
            set: { c, v in c.adapters = try ConfigRead.texts("adapters", v) }),
        probabilityKey("covariate_probability", \.covariateProbability, "probability that a study carries the adapters' covariates"),
        intPairKey("subjects", \.subjectsMin, \.subjectsMax, 1...10_000, "subjects per study when the caller does not say"),
        numberKey("max_concentration", \.maxConcentration, 1e-12...1e12, "studies with a concentration ≥ this are rejected"),
        numberKey("min_peak", \.minPeak, 0...1e12, "studies whose observations are all ≤ this are rejected"),
        Key("engine", "simulation engine — auto or rk45",
            get: { .text($0.engine) },
            set: { c, v in c.engine = try ConfigRead.text("engine", v, oneOf: ["auto", "rk45"]) }),
    ]

    public static func key(named name: String) -> ConfigKey<PriorConfig>? { keys.first { $0.name == name } }

    /// Sets one key; unknown keys and invalid values throw a `ConfigError` naming the key.
    public mutating func set(_ name: String, _ value: ConfigValue) throws {
        guard let k = Self.key(named: name) else {
            throw ConfigError(key: name, message: "unknown key; known keys: " + Self.keys.map(\.name).joined(separator: ", "))
        }
        try k.apply(value, to: &self)
    }

    public func value(of name: String) -> ConfigValue? { Self.key(named: name)?.value(self) }

    /// Cross-field checks after all keys are set.
    public func validate() throws {
        if metaboliteProbability > 0 && peripheralWeights.count > 4 {
            throw ConfigError(key: "peripheral_weights", message: "at most 3 peripherals")
        }
        if multipleDoseProbability > 0 && doseIntervals.isEmpty {
            throw ConfigError(key: "dose_intervals", message: "needed when multiple_dose_probability > 0")
        }
        if sparseMaxSamples > maxSamples {
            throw ConfigError(key: "sparse_max_samples", message: "\(sparseMaxSamples) exceeds max_samples \(maxSamples)")
        }
        if ouVarianceLogUniform && ouStationaryVariance.lo <= 0 {
            throw ConfigError(key: "ou_variance_log_uniform", message: "needs the low end of ou_variance above 0 (it is \(ouStationaryVariance.lo))")
        }
    }
}
