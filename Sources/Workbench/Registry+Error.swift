/// Errors of the registry (manifest errors are `ManifestError`s).
public enum RegistryError: Error, Equatable, CustomStringConvertible {
    case duplicate(kind: Registry.Kind, id: String, existing: Registry.Source, new: Registry.Source)
    case invalidID(kind: Registry.Kind, id: String)
    case unknown(kind: Registry.Kind, id: String, known: [String])
    case notComposable(id: String, part: String, hint: String)
    /// A prior without a single configuration (a mix) where one is needed (derive, export, compose).
    case notStructural(id: String)

    public var description: String {
        switch self {
        case let .duplicate(kind, id, existing, new):
            return "\(kind) '\(id)' is already registered (\(existing)); \(new) cannot replace it — choose another id"
        case let .invalidID(kind, id):
            return "\(kind) id '\(id)' is invalid: use a non-empty name without spaces or '+'"
        case let .unknown(kind, id, known):
            return "unknown \(kind) '\(id)'; known: \(known.joined(separator: ", "))"
        case let .notComposable(id, part, hint):
            return "prior '\(id)': cannot compose '\(part)': \(hint)"
        case let .notStructural(id):
            return "prior '\(id)' is a mix of priors: it has no single configuration to derive from, export or compose"
        }
    }
}
