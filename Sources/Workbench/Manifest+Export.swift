import PKSim

extension Manifest {
    /// TOML text of the manifest: metadata first, then the values in order. Parsing the text back gives
    /// an equal manifest.
    public var tomlText: String {
        var lines = ["kind = \(Manifest.quote(kind.rawValue))", "id = \(Manifest.quote(id))", "version = \(Manifest.quote(version))"]
        if !summary.isEmpty { lines.append("summary = \(Manifest.quote(summary))") }
        for (k, v) in values { lines.append("\(k) = \(Manifest.toml(v))") }
        return lines.joined(separator: "\n") + "\n"
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        for ch in s {
            switch ch {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default: out.append(ch)
            }
        }
        return out + "\""
    }

    static func number(_ x: Double) -> String {
        if x == x.rounded() && abs(x) < 1e15 { return String(Int(x)) }
        return "\(x)"
    }

    static func toml(_ v: ConfigValue) -> String {
        switch v {
        case .number(let x): return number(x)
        case .numbers(let xs): return "[" + xs.map(number).joined(separator: ", ") + "]"
        case .text(let s): return quote(s)
        case .texts(let ss): return "[" + ss.map(quote).joined(separator: ", ") + "]"
        case .flag(let b): return b ? "true" : "false"
        }
    }
}

extension Registry {
    /// `prior export ID FILE`: a manifest that registers the same prior under `newID` (default: the same id,
    /// for another workspace). Structural priors list every key (no base), so the file stands alone.
    public func exportPriorManifest(_ id: String, as newID: String? = nil) throws -> Manifest {
        let c = try priorConfig(id)
        let values = PriorConfig.keys.filter { $0.name != "peripherals" }.map { (key: $0.name, value: $0.value(c)) }
        return Manifest(file: "export of \(id)", kind: .prior, id: newID ?? c.id,
                        version: entry(.prior, id)?.version ?? Registry.builtinVersion, summary: c.summary, values: values)
    }

    /// A manifest for a covariate adapter of a built-in family.
    public func exportAdapterManifest(_ id: String, as newID: String? = nil) throws -> Manifest {
        let a = try adapter(id)
        let family: String
        let values: [(key: String, value: ConfigValue)]
        switch a {
        case let w as WeightAllometricAdapter:
            family = CovariateAdapterFamily.weightAllometric.rawValue; values = WeightAllometricAdapter.keys.map { ($0.name, $0.value(w)) }
        case let p as PowerCovariateAdapter:
            family = CovariateAdapterFamily.power.rawValue; values = PowerCovariateAdapter.keys.map { ($0.name, $0.value(p)) }
        case let c as CategoricalCovariateAdapter:
            family = CovariateAdapterFamily.categorical.rawValue; values = CategoricalCovariateAdapter.keys.map { ($0.name, $0.value(c)) }
        default:
            throw RegistryError.notComposable(id: id, part: id, hint: "adapter is not of a manifest family")
        }
        let e = entry(.covariateAdapter, id)!
        return Manifest(file: "export of \(id)", kind: .covariateAdapter, id: newID ?? id, version: e.version,
                        summary: e.summary, values: [("family", .text(family))] + values)
    }
}
