/// A candidate population model: structure + residual error (random effects on every structural
/// parameter, log-normal, diagonal Ω).
public struct NLMEModel: Codable, Sendable, Hashable {
    public var structure: Structure
    public var error: ErrorModel

    public init(_ structure: Structure, _ error: ErrorModel) { self.structure = structure; self.error = error }

    /// "1cpt-combined", "2cpt-additive", …
    public var name: String { "\(structure.rawValue)-\(error.rawValue)" }

    /// Parses `name` (e.g. "1cpt-combined"); nil when unknown.
    public init?(name: String) {
        let parts = name.split(separator: "-").map(String.init)
        guard parts.count == 2, let s = Structure(rawValue: parts[0]), let e = ErrorModel(rawValue: parts[1]) else { return nil }
        self.init(s, e)
    }

    /// R's `SSfol` model with nlme's default additive error (the check against R's Theoph fit).
    public static let ssfol = NLMEModel(.oneCompartment, .additive)
    /// The configuration of R's protocol numbers in evaluation.md: one compartment, combined error.
    public static let oneCompartmentCombined = NLMEModel(.oneCompartment, .combined)
    public static let twoCompartmentCombined = NLMEModel(.twoCompartment, .combined)
}
