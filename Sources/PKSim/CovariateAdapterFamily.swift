/// The built-in adapter families a manifest can configure (`family = "…"`), each with its keys:
/// defaults, validation and required keys. `make` builds an adapter from (key, value) pairs, throwing a
/// `ConfigError` for an unknown key, an invalid value or a missing required key.
public enum CovariateAdapterFamily: String, CaseIterable, Sendable {
    case weightAllometric = "weight-allometric"
    case power
    case categorical

    /// (key, help) pairs of the family.
    public var keys: [(name: String, help: String)] {
        switch self {
        case .weightAllometric: return WeightAllometricAdapter.keys.map { ($0.name, $0.help) }
        case .power: return PowerCovariateAdapter.keys.map { ($0.name, $0.help) }
        case .categorical: return CategoricalCovariateAdapter.keys.map { ($0.name, $0.help) }
        }
    }

    public var requiredKeys: [String] {
        switch self {
        case .weightAllometric: return []
        case .power: return ["covariate", "parameter", "exponent", "reference"]
        case .categorical: return ["covariate", "parameter", "levels", "probabilities", "factors"]
        }
    }

    public func make(id: String, values: [(key: String, value: ConfigValue)]) throws -> any CovariateAdapter {
        let given = Set(values.map(\.key))
        for r in requiredKeys where !given.contains(r) {
            throw ConfigError(key: r, message: "required for family '\(rawValue)'")
        }
        switch self {
        case .weightAllometric:
            var a = WeightAllometricAdapter(id: id)
            try Self.apply(values, WeightAllometricAdapter.keys, to: &a)
            return a
        case .power:
            var a = PowerCovariateAdapter(id: id, covariate: "X", parameter: "CL", exponent: 0, reference: 1)
            let medianGiven = given.contains("median")
            try Self.apply(values, PowerCovariateAdapter.keys, to: &a)
            if !medianGiven { a.median = a.reference }
            guard a.minimum <= a.maximum else { throw ConfigError(key: "minimum", message: "exceeds maximum \(a.maximum)") }
            return a
        case .categorical:
            var a = CategoricalCovariateAdapter(id: id, covariate: "X", parameter: "CL", levels: [0], probabilities: [1], factors: [1])
            try Self.apply(values, CategoricalCovariateAdapter.keys, to: &a)
            guard a.levels.count == a.probabilities.count && a.levels.count == a.factors.count else {
                throw ConfigError(key: "levels", message: "levels (\(a.levels.count)), probabilities (\(a.probabilities.count)) and factors (\(a.factors.count)) must have the same length")
            }
            guard Set(a.levels).count == a.levels.count else { throw ConfigError(key: "levels", message: "levels must be distinct") }
            return a
        }
    }

    static func apply<C>(_ values: [(key: String, value: ConfigValue)], _ keys: [ConfigKey<C>], to c: inout C) throws {
        for (k, v) in values {
            guard let key = keys.first(where: { $0.name == k }) else {
                throw ConfigError(key: k, message: "unknown key; known keys: " + keys.map(\.name).joined(separator: ", "))
            }
            try key.apply(v, to: &c)
        }
    }
}

extension WeightAllometricAdapter {
    public static let keys: [ConfigKey<WeightAllometricAdapter>] = [
        .init("covariate", "covariate column name — a string", get: { .text($0.covariate) },
              set: { a, v in a.covariate = try ConfigRead.text("covariate", v) }),
        .init("reference", "reference weight — a number in (0, 1000]", get: { .number($0.reference) },
              set: { a, v in a.reference = try ConfigRead.number("reference", v, in: 1e-6...1000) }),
        .init("clearance_exponent", "allometric exponent on clearances — a number in [-3, 3]", get: { .number($0.clearanceExponent) },
              set: { a, v in a.clearanceExponent = try ConfigRead.number("clearance_exponent", v, in: -3...3) }),
        .init("volume_exponent", "allometric exponent on volumes — a number in [-3, 3]", get: { .number($0.volumeExponent) },
              set: { a, v in a.volumeExponent = try ConfigRead.number("volume_exponent", v, in: -3...3) }),
        .init("median", "median synthetic weight — a number in (0, 1000]", get: { .number($0.median) },
              set: { a, v in a.median = try ConfigRead.number("median", v, in: 1e-6...1000) }),
        .init("log_sd", "SD of ln weight — a number in (0, 3]", get: { .number($0.logSD) },
              set: { a, v in a.logSD = try ConfigRead.number("log_sd", v, in: 1e-6...3) }),
        .init("minimum", "smallest synthetic weight — a number in [0, 1000]", get: { .number($0.minimum) },
              set: { a, v in a.minimum = try ConfigRead.number("minimum", v, in: 0...1000) }),
        .init("maximum", "largest synthetic weight — a number in (0, 1000]", get: { .number($0.maximum) },
              set: { a, v in a.maximum = try ConfigRead.number("maximum", v, in: 1e-6...1000) }),
    ]
}

extension PowerCovariateAdapter {
    public static let keys: [ConfigKey<PowerCovariateAdapter>] = [
        .init("covariate", "covariate column name — a string", get: { .text($0.covariate) },
              set: { a, v in a.covariate = try ConfigRead.text("covariate", v) }),
        .init("parameter", "parameter acted on — one of " + PKParameters.effectTargets.joined(separator: ", "), get: { .text($0.parameter) },
              set: { a, v in a.parameter = try ConfigRead.text("parameter", v, oneOf: PKParameters.effectTargets) }),
        .init("exponent", "power exponent — a number in [-5, 5]", get: { .number($0.exponent) },
              set: { a, v in a.exponent = try ConfigRead.number("exponent", v, in: -5...5) }),
        .init("reference", "reference value (effect 1) — a positive number", get: { .number($0.reference) },
              set: { a, v in a.reference = try ConfigRead.number("reference", v, in: 1e-12...1e12) }),
        .init("median", "median synthetic value (default: reference) — a positive number", get: { .number($0.median) },
              set: { a, v in a.median = try ConfigRead.number("median", v, in: 1e-12...1e12) }),
        .init("log_sd", "SD of the log value — a number in (0, 3]", get: { .number($0.logSD) },
              set: { a, v in a.logSD = try ConfigRead.number("log_sd", v, in: 1e-6...3) }),
        .init("minimum", "smallest synthetic value — a number ≥ 0", get: { .number($0.minimum) },
              set: { a, v in a.minimum = try ConfigRead.number("minimum", v, in: 0...1e12) }),
        .init("maximum", "largest synthetic value — a positive number", get: { .number($0.maximum) },
              set: { a, v in a.maximum = try ConfigRead.number("maximum", v, in: 1e-12...Double.greatestFiniteMagnitude) }),
    ]
}

extension CategoricalCovariateAdapter {
    public static let keys: [ConfigKey<CategoricalCovariateAdapter>] = [
        .init("covariate", "covariate column name — a string", get: { .text($0.covariate) },
              set: { a, v in a.covariate = try ConfigRead.text("covariate", v) }),
        .init("parameter", "parameter acted on — one of " + PKParameters.effectTargets.joined(separator: ", "), get: { .text($0.parameter) },
              set: { a, v in a.parameter = try ConfigRead.text("parameter", v, oneOf: PKParameters.effectTargets) }),
        .init("levels", "level codes, the first is the reference — 2 to 20 numbers", get: { .numbers($0.levels) },
              set: { a, v in a.levels = try ConfigRead.numbers("levels", v, in: -1e9...1e9, count: 2...20) }),
        .init("probabilities", "synthetic frequency of each level — non-negative weights", get: { .numbers($0.probabilities) },
              set: { a, v in a.probabilities = try ConfigRead.weights("probabilities", v, count: 2...20) }),
        .init("factors", "multiplicative effect of each level — positive numbers", get: { .numbers($0.factors) },
              set: { a, v in a.factors = try ConfigRead.numbers("factors", v, in: 1e-6...1e6, count: 2...20) }),
    ]
}
