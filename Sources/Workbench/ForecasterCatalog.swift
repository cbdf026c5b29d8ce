import AICMET
import Evaluation
import NLME
import PKData

/// Resolves the forecaster names of `evaluate`, `report` and `plot` (e.g. "nlme,median,locf") to
/// `Forecaster`s. Pluggable: a resolver returns nil for names it does not know, and the first non-nil answer
/// wins. To add AICMET models, append a resolver to `standard` (e.g. one that loads a saved model by name
/// from `session.workspace.models`).
///
/// Built-in names: `nlme` (FOCE-I, AIC choice between 1- and 2-compartment models with combined error,
/// weight-normalised when every subject has WT), `nlme:MODEL` with MODEL as in `NLMEModel(name:)`
/// (e.g. `nlme:1cpt-combined`, `nlme:2cpt-proportional+wt`; exactly that model, no weight normalisation
/// unless written), `median` (population median profile), `locf` (last observation carried forward), and the
/// name of any saved AICMET model (`model list`), optionally `NAME+ft` (finetuned per context), `NAME+ftF`
/// (finetuned per context with F-fold cross-validation, F ≥ 2) and `NAME@PLAN` (another inference plan).
public struct ForecasterCatalog {
    public typealias Resolver = (_ name: String, _ session: Session) throws -> (any Forecaster)?
    public var resolvers: [Resolver]
    /// Names listed in errors and help (resolvers may accept more).
    public var knownNames: [String]

    public init(resolvers: [Resolver], knownNames: [String]) { self.resolvers = resolvers; self.knownNames = knownNames }

    /// The catalog the commands use.
    public static var standard: ForecasterCatalog {
        ForecasterCatalog(resolvers: [builtIn, savedModel], knownNames: ["nlme", "nlme:MODEL", "median", "locf", "MODEL", "MODEL+ft", "MODEL+ftF", "MODEL@PLAN"])
    }

    /// A saved AICMET model of the workspace (`model list`), written `NAME[+ft[F]][@PLAN]`: zero-shot with 128
    /// latent samples and the model's inference plan; `@PLAN` overrides the plan (`InferencePlan.parse`, e.g.
    /// `default@amortized`, `default@combined@0.5`); `+ft` finetunes a copy on each request's context first
    /// (`FinetunedForecaster`, default settings: the protocol's "after finetuning"), `+ftF` with F folds.
    public static let savedModel: Resolver = { name, session in
        let parts = name.split(separator: "@", maxSplits: 1).map(String.init)
        let (modelName, folds) = finetuneSuffix(parts[0])
        guard try session.modelNames().contains(modelName) else { return nil }
        var plan: InferencePlan?
        if parts.count == 2 {
            do { plan = try InferencePlan.parse(parts[1]) } catch {
                throw WorkbenchError("forecaster '\(name)': \(error)", hint: "write MODEL@PLAN, e.g. \(modelName)@amortized or \(modelName)@combined@0.5")
            }
        }
        let model = try session.loadModel(modelName).model
        if let folds { return FinetunedForecaster(name: name, base: model, config: FinetuneConfig(folds: folds), plan: plan) }
        return AICMETForecaster(name: name, model: model, plan: plan)
    }

    /// `NAME+ft` → (NAME, 1 fold), `NAME+ft4` → (NAME, 4 folds); any other text → (text, nil: not finetuned).
    static func finetuneSuffix(_ text: String) -> (name: String, folds: Int?) {
        guard let range = text.range(of: "+ft", options: .backwards) else { return (text, nil) }
        let digits = text[range.upperBound...], name = String(text[..<range.lowerBound])
        if digits.isEmpty { return (name, 1) }
        guard digits.allSatisfy(\.isASCII), let folds = Int(digits), folds >= 2 else { return (text, nil) }
        return (name, folds)
    }

    public static let builtIn: Resolver = { name, _ in
        switch name {
        case "nlme": return NLMEForecaster()
        case "median": return PopulationMedianForecaster()
        case "locf": return LastObservationForecaster()
        default:
            guard name.hasPrefix("nlme:") else { return nil }
            let model = String(name.dropFirst(5))
            guard let m = NLMEModel(name: model) else {
                throw WorkbenchError("unknown NLME model '\(model)'",
                                     hint: "write STRUCTURE-ERROR[+wt]: 1cpt or 2cpt, additive, proportional or combined (e.g. nlme:1cpt-combined)")
            }
            return NLMEForecaster(name: name, candidates: [m], weightNormalisation: false)
        }
    }

    /// The forecaster named `name`, or an error listing the known names.
    public func resolve(_ name: String, session: Session) throws -> any Forecaster {
        for r in resolvers { if let f = try r(name, session) { return f } }
        let hint = EditDistance.suggestions(for: name, among: knownNames).first.map { "did you mean '\($0)'?" }
            ?? "known forecasters: " + knownNames.joined(separator: ", ")
        throw WorkbenchError("unknown forecaster '\(name)'", hint: hint)
    }

    /// Resolves a comma-separated list ("nlme,median,locf"); names must be distinct.
    public func resolve(list: String, session: Session) throws -> [any Forecaster] {
        let names = list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !names.isEmpty else { throw WorkbenchError("no forecaster named", hint: "e.g. --forecasters nlme,median,locf") }
        if let dup = names.first(where: { n in names.filter { $0 == n }.count > 1 }) {
            throw WorkbenchError("forecaster '\(dup)' listed twice", hint: "name each forecaster once")
        }
        return try names.map { try resolve($0, session: session) }
    }
}
