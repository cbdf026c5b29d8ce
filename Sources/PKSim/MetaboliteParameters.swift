/// A metabolite compartment fed by the parent's elimination: a fraction `fm` of the parent eliminated from
/// the central compartment (rate ke·central) becomes metabolite (amounts in parent-equivalent units);
/// the metabolite is eliminated with first-order rate `kem` (1/time); its concentration is amount / `vm`.
public struct MetaboliteParameters: Hashable, Codable, Sendable {
    /// Fraction of the parent's elimination converted to metabolite, in [0, 1].
    public var fm: Double
    public var kem: Double
    public var vm: Double
    public init(fm: Double, kem: Double, vm: Double) { self.fm = fm; self.kem = kem; self.vm = vm }
}
