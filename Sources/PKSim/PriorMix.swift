import PKData

/// A mixture of priors: each study is drawn from one component chosen with probability ∝ its weight.
public struct PriorMix: Prior {
    public struct Component: Sendable {
        public var prior: any Prior
        public var weight: Double
        public init(prior: any Prior, weight: Double) { self.prior = prior; self.weight = weight }
    }
    public var id: String
    public var summary: String
    public var components: [Component]

    public init(id: String, summary: String? = nil, components: [Component]) {
        precondition(!components.isEmpty && components.allSatisfy { $0.weight >= 0 } && components.contains { $0.weight > 0 },
                     "PriorMix '\(id)': needs components with non-negative weights, not all zero")
        self.id = id
        self.components = components
        self.summary = summary ?? "mix of " + components.map { "\($0.prior.id) (\($0.weight))" }.joined(separator: ", ")
    }

    /// The union of the components' adapters (first occurrence of each id).
    public var covariateAdapters: [any CovariateAdapter] {
        var seen = Set<String>(), out: [any CovariateAdapter] = []
        for c in components { for a in c.prior.covariateAdapters where seen.insert(a.id).inserted { out.append(a) } }
        return out
    }

    public func sampleStudy(subjects: Int, rng: inout SeededGenerator) -> Study {
        let k = rng.pick(components.map(\.weight))
        return components[k].prior.sampleStudy(subjects: subjects, rng: &rng)
    }
}
