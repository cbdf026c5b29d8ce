/// A candidate population model: structure + residual error (random effects on every structural
/// parameter, log-normal, diagonal Ω), optionally with clearances and volumes proportional to body weight
/// (`weightNormalised`, see `SubjectData`).
public struct NLMEModel: Codable, Sendable, Hashable {
    public var structure: Structure
    public var error: ErrorModel
    public var weightNormalised: Bool

    public init(_ structure: Structure, _ error: ErrorModel, weightNormalised: Bool = false) {
        self.structure = structure; self.error = error; self.weightNormalised = weightNormalised
    }

    /// "1cpt-combined", "2cpt-additive+wt", …
    public var name: String { "\(structure.rawValue)-\(error.rawValue)" + (weightNormalised ? "+wt" : "") }

    /// Parses `name` (e.g. "1cpt-combined", "2cpt-proportional+wt"); nil when unknown.
    public init?(name: String) {
        var base = Substring(name)
        let wt = base.hasSuffix("+wt")
        if wt { base = base.dropLast(3) }
        let parts = base.split(separator: "-").map(String.init)
        guard parts.count == 2, let s = Structure(rawValue: parts[0]), let e = ErrorModel(rawValue: parts[1]) else { return nil }
        self.init(s, e, weightNormalised: wt)
    }

    /// The same model with weight normalisation switched on or off.
    public func weightNormalised(_ on: Bool) -> NLMEModel { NLMEModel(structure, error, weightNormalised: on) }

    /// R's `SSfol` model with nlme's default additive error (the check against R's Theoph fit).
    public static let ssfol = NLMEModel(.oneCompartment, .additive)
    /// The configuration of R's protocol numbers in evaluation.md: one compartment, combined error.
    public static let oneCompartmentCombined = NLMEModel(.oneCompartment, .combined)
    public static let twoCompartmentCombined = NLMEModel(.twoCompartment, .combined)
}
