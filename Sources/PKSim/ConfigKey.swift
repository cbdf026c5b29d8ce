/// One settable key of a configuration (manifest key or `--set KEY=VALUE`): its name, a one-line help with
/// the accepted form, how to read it, and how to set it with validation.
public struct ConfigKey<Config>: Sendable {
    public var name: String
    public var help: String
    let get: @Sendable (Config) -> ConfigValue
    let set: @Sendable (inout Config, ConfigValue) throws -> Void

    public init(_ name: String, _ help: String, get: @escaping @Sendable (Config) -> ConfigValue,
                set: @escaping @Sendable (inout Config, ConfigValue) throws -> Void) {
        self.name = name; self.help = help; self.get = get; self.set = set
    }

    public func value(_ c: Config) -> ConfigValue { get(c) }
    public func apply(_ v: ConfigValue, to c: inout Config) throws { try set(&c, v) }
}

/// Typed readers of `ConfigValue`s that throw `ConfigError`s naming the key and the expected form.
enum ConfigRead {
    static func number(_ key: String, _ v: ConfigValue, in bounds: ClosedRange<Double>) throws -> Double {
        guard case .number(let x) = v else { throw ConfigError(key: key, message: "expected a number, got \(v)") }
        try check(key, x, bounds)
        return x
    }

    static func integer(_ key: String, _ v: ConfigValue, in bounds: ClosedRange<Int>) throws -> Int {
        let x = try number(key, v, in: Double(bounds.lowerBound)...Double(bounds.upperBound))
        guard x == x.rounded() else { throw ConfigError(key: key, message: "expected an integer, got \(v)") }
        return Int(x)
    }

    static func numbers(_ key: String, _ v: ConfigValue, in bounds: ClosedRange<Double>, count: ClosedRange<Int>) throws -> [Double] {
        let xs: [Double]
        switch v {
        case .numbers(let a): xs = a
        case .number(let x): xs = [x]
        default: throw ConfigError(key: key, message: "expected a list of numbers, got \(v)")
        }
        guard count.contains(xs.count) else {
            let n = count.lowerBound == count.upperBound ? "\(count.lowerBound)" : "\(count.lowerBound)–\(count.upperBound)"
            throw ConfigError(key: key, message: "expected \(n) numbers, got \(xs.count)")
        }
        for x in xs { try check(key, x, bounds) }
        return xs
    }

    /// A range [lo, hi] (or a single number for a point), inside `bounds`.
    static func range(_ key: String, _ v: ConfigValue, in bounds: ClosedRange<Double>) throws -> UniformRange {
        let xs = try numbers(key, v, in: bounds, count: 1...2)
        let r = UniformRange(xs[0], xs.count == 2 ? xs[1] : xs[0])
        guard r.lo <= r.hi else {
            throw ConfigError(key: key, message: "lower bound \(ConfigValue.format(r.lo)) exceeds upper bound \(ConfigValue.format(r.hi))")
        }
        return r
    }

    static func weights(_ key: String, _ v: ConfigValue, count: ClosedRange<Int>) throws -> [Double] {
        let w = try numbers(key, v, in: 0...1e12, count: count)
        guard w.contains(where: { $0 > 0 }) else { throw ConfigError(key: key, message: "weights must not all be zero") }
        return w
    }

    static func flag(_ key: String, _ v: ConfigValue) throws -> Bool {
        guard case .flag(let b) = v else { throw ConfigError(key: key, message: "expected true or false, got \(v)") }
        return b
    }

    static func text(_ key: String, _ v: ConfigValue, oneOf allowed: [String]? = nil) throws -> String {
        guard case .text(let s) = v else { throw ConfigError(key: key, message: "expected a string, got \(v)") }
        if let allowed, !allowed.contains(s) {
            throw ConfigError(key: key, message: "'\(s)' is not one of \(allowed.joined(separator: ", "))")
        }
        return s
    }

    static func texts(_ key: String, _ v: ConfigValue) throws -> [String] {
        switch v {
        case .texts(let a): return a
        case .text(let s): return s.isEmpty ? [] : [s]
        case .numbers(let a) where a.isEmpty: return []
        default: throw ConfigError(key: key, message: "expected a list of strings, got \(v)")
        }
    }

    static func check(_ key: String, _ x: Double, _ bounds: ClosedRange<Double>) throws {
        guard x.isFinite && bounds.contains(x) else {
            throw ConfigError(key: key, message: "\(ConfigValue.format(x)) is out of range [\(ConfigValue.format(bounds.lowerBound)), \(ConfigValue.format(bounds.upperBound))]")
        }
    }
}
