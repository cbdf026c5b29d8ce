import Foundation
import PKData
import PKSim

/// Network sizes of an AICMET variant. `small` is the engine benchmark's network and the shipped default.
public struct NetworkSize: Codable, Hashable, Sendable {
    /// Width of the observation-token MLP, the GRU and the individual summary c_i.
    public var hidden: Int
    public var gruLayers: Int
    /// Heads of the encoder's self-attention and pooling.
    public var encoderHeads: Int
    public var studyLatent: Int
    public var individualLatent: Int
    /// Width of the decoder's query embedding and cross-attention blocks.
    public var decoderWidth: Int
    public var decoderHeads: Int
    public var decoderBlocks: Int

    public init(hidden: Int, gruLayers: Int, encoderHeads: Int, studyLatent: Int, individualLatent: Int,
                decoderWidth: Int, decoderHeads: Int, decoderBlocks: Int) {
        self.hidden = hidden; self.gruLayers = gruLayers; self.encoderHeads = encoderHeads
        self.studyLatent = studyLatent; self.individualLatent = individualLatent
        self.decoderWidth = decoderWidth; self.decoderHeads = decoderHeads; self.decoderBlocks = decoderBlocks
    }

    public static let tiny = NetworkSize(hidden: 16, gruLayers: 1, encoderHeads: 2, studyLatent: 4, individualLatent: 4,
                                         decoderWidth: 16, decoderHeads: 2, decoderBlocks: 1)
    public static let small = NetworkSize(hidden: 128, gruLayers: 2, encoderHeads: 4, studyLatent: 32, individualLatent: 64,
                                          decoderWidth: 128, decoderHeads: 4, decoderBlocks: 2)
    public static let base = NetworkSize(hidden: 256, gruLayers: 2, encoderHeads: 8, studyLatent: 64, individualLatent: 128,
                                         decoderWidth: 256, decoderHeads: 8, decoderBlocks: 2)

    public static func named(_ name: String) -> NetworkSize? {
        switch name { case "tiny": return .tiny; case "small": return .small; case "base": return .base; default: return nil }
    }
}

/// The decoder's output family: `gaussian`, or `mixture` with `components` Gaussians.
public struct DecoderSpec: Codable, Hashable, Sendable {
    public var id: String
    public var components: Int
    public init(id: String, components: Int = 1) { self.id = id; self.components = components }

    /// Parses `gaussian` or `mixture:K` (K ≥ 2; `mixture` alone means K = 3).
    public static func parse(_ text: String) throws -> DecoderSpec {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        switch parts[0] {
        case "gaussian" where parts.count == 1: return DecoderSpec(id: "gaussian")
        case "mixture":
            guard parts.count == 1 || (Int(parts[1]).map { $0 >= 2 && $0 <= 16 } ?? false) else {
                throw AICMETError.invalidSpec("decoder '\(text)': the number of mixture components must be 2…16 (e.g. mixture:3)")
            }
            return DecoderSpec(id: "mixture", components: parts.count == 1 ? 3 : Int(parts[1])!)
        default:
            throw AICMETError.invalidSpec("unknown decoder '\(text)'; known decoders: gaussian, mixture:K")
        }
    }

    public var description: String { id == "mixture" ? "mixture:\(components)" : id }
}

/// Everything that defines an AICMET variant: the prior it learns from, its decoder, its covariates and sizes.
public struct VariantSpec: Codable, Hashable, Sendable {
    public var name: String
    /// Prior id (or `a+b` composition / mix id) as known to the registry.
    public var prior: String
    public var decoder: DecoderSpec
    /// Covariate adapter ids, in feature order.
    public var adapters: [String]
    /// Covariate names the adapters read, in feature order (one feature + one presence flag each).
    public var covariates: [String]
    public var size: NetworkSize
    /// Number of observation outputs the model distinguishes (1 = parent only, 2 = parent + metabolite).
    public var outputs: Int
    /// What the prior simulates (for out-of-support warnings); measured by sampling it when the variant is made.
    public var support: PriorSupport
    /// Inference default of this model (how z_n is drawn for each number of given observations); nil:
    /// always amortized. Chosen on held-out synthetic studies after training.
    public var inference: InferencePlan?
    /// Decoder queries also carry the time since the last observation the individual latent was inferred
    /// from (`FeatureLayout.relativeQueryTime`); nil (specs written before it) = false.
    public var relativeQueryTime: Bool?
    /// The decoder also attends to the encoder states of the target's given observations
    /// (`AICMETNetwork` given attention); nil (specs written before it) = false.
    public var givenAttention: Bool?
    /// q(z_i) also reads the study's pooled context summary (`AICMETNetwork` study conditioning); nil
    /// (specs written before it) = false.
    public var studyConditioned: Bool?
    /// The decoder's mean is compartmental (`MechanisticMean`) plus the attention decoder's residual; nil
    /// (specs written before it) = false.
    public var mechanistic: Bool?
    /// With `mechanistic`, the compartmental mean releases each oral dose into the depot at a constant rate
    /// over a per-subject duration D1 before first-order absorption (`MechanisticMean`); nil = false.
    public var mechanisticRelease: Bool?
    /// Spread factors measured on finetuning's held-out subjects (finetuned models only), applied to
    /// forecasts not calibrated in-study; nil: the model's own spread.
    public var heldOutSpread: HeldOutSpread?
    /// Spread factors measured on held-out synthetic studies of the prior, by inference plan (the key is the
    /// plan without `+calibrated`: `combined,amortized@0.5`) and study design (`SyntheticSpread`). nil: none measured.
    public var syntheticSpread: [String: SyntheticSpread]?
    /// Number of networks of an ensemble (independently trained members of this architecture, `AICMETModel`);
    /// nil = a single network.
    public var ensemble: Int?

    public var memberCount: Int { ensemble ?? 1 }

    /// The spec of one member of this model: the same without `ensemble`.
    public var singleMember: VariantSpec {
        var spec = self
        spec.ensemble = nil
        return spec
    }

    /// Whether a network of `other` has the same shapes and reads the same features as one of this spec
    /// (study conditioning compared unless `studyConditioning` is false).
    public func sameArchitecture(as other: VariantSpec, studyConditioning: Bool = true) -> Bool {
        other.size == size && other.decoder == decoder && other.adapters == adapters && other.outputs == outputs
            && (other.relativeQueryTime ?? false) == (relativeQueryTime ?? false)
            && (other.givenAttention ?? false) == (givenAttention ?? false)
            && (other.mechanistic ?? false) == (mechanistic ?? false)
            && (other.mechanisticRelease ?? false) == (mechanisticRelease ?? false)
            && (!studyConditioning || (other.studyConditioned ?? false) == (studyConditioned ?? false))
    }

    public var inferencePlan: InferencePlan { inference ?? .amortized }

    /// The synthetic spread measured for `plan` (calibrated or not), if any.
    public func syntheticSpread(for plan: InferencePlan) -> SyntheticSpread? { syntheticSpread?[plan.uncalibrated.description] }

    public init(name: String, prior: String, decoder: DecoderSpec, adapters: [String] = [], covariates: [String] = [],
                size: NetworkSize = .small, outputs: Int = 2, support: PriorSupport = PriorSupport()) {
        self.name = name; self.prior = prior; self.decoder = decoder; self.adapters = adapters
        self.covariates = covariates; self.size = size; self.outputs = outputs; self.support = support
    }

    public func json() -> String {
        let encoder = JSONEncoder(); encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try! encoder.encode(self), as: UTF8.self)
    }

    public static func fromJSON(_ text: String) throws -> VariantSpec {
        /// Specs written before inference plans stored `populationUpTo: k`.
        struct Legacy: Decodable { var populationUpTo: Int? }
        do {
            var spec = try JSONDecoder().decode(VariantSpec.self, from: Data(text.utf8))
            if spec.inference == nil, let limit = try JSONDecoder().decode(Legacy.self, from: Data(text.utf8)).populationUpTo {
                spec.inference = InferencePlan(populationUpTo: limit)
            }
            return spec
        } catch {
            throw AICMETError.invalidSpec("variant spec is not valid JSON for this version: \(error)")
        }
    }
}

/// The dosing situations a prior produces: routes, the largest number of doses, infusions.
public struct PriorSupport: Codable, Hashable, Sendable {
    public var routes: [String]
    public var maxDoses: Int
    public var infusions: Bool
    /// The 0.5th percentile, over simulated observations, of concentration / the study's highest
    /// concentration of that output: how far below the peak the prior's data reach (its quantification
    /// limit). nil for specs measured before it existed.
    public var lowestRelativeConcentration: Double?
    /// The most dosing intervals one simulated subject has samples in (`sampledDoseIntervals`): 1 when
    /// every subject is sampled after a single dose. nil for specs measured before it existed.
    public var maxSampledDoseIntervals: Int?
    public init(routes: [String] = ["oral", "iv"], maxDoses: Int = 1, infusions: Bool = false,
                lowestRelativeConcentration: Double? = nil, maxSampledDoseIntervals: Int? = nil) {
        self.routes = routes; self.maxDoses = maxDoses; self.infusions = infusions
        self.lowestRelativeConcentration = lowestRelativeConcentration
        self.maxSampledDoseIntervals = maxSampledDoseIntervals
    }
}

extension PriorSupport {
    /// The support of `prior`, measured on `studies` sampled studies of 8 subjects.
    public static func measure(_ prior: any Prior, seed: UInt64, studies: Int = 200) -> PriorSupport {
        var rng = SeededGenerator(seed: seed ^ 0xC0FFEE)
        var routes = Set<String>(), maxDoses = 0, infusions = false, maxIntervals = 0
        var relative: [Double] = []
        for _ in 0..<studies {
            let subjects = prior.sampleStudy(subjects: 8, rng: &rng).subjects
            for subject in subjects {
                routes.formUnion(subject.doses.map(\.route.rawValue))
                maxDoses = max(maxDoses, subject.doses.count)
                infusions = infusions || subject.doses.contains(where: \.isInfusion)
                maxIntervals = max(maxIntervals, sampledDoseIntervals(subject))
            }
            relative += relativeConcentrations(subjects)
        }
        relative.sort()
        return PriorSupport(routes: routes.sorted(), maxDoses: maxDoses, infusions: infusions,
                            lowestRelativeConcentration: relative.isEmpty ? nil : relative[relative.count / 200],
                            maxSampledDoseIntervals: maxIntervals)
    }

    /// The number of dosing intervals of `subject` with an observation strictly inside one: after a dose and
    /// before the next. Observations at a dose time (troughs, pre-dose samples) or before the first dose
    /// are not counted.
    static func sampledDoseIntervals(_ subject: Subject) -> Int {
        let doseTimes = Set(subject.doses.map(\.time)).sorted()
        var intervals = Set<Int>()
        for obs in subject.observations where !doseTimes.contains(obs.time) {
            if let i = doseTimes.lastIndex(where: { $0 < obs.time }) { intervals.insert(i) }
        }
        return intervals.count
    }

    /// Every positive, uncensored observation of `subjects` divided by the highest one of its output.
    static func relativeConcentrations(_ subjects: [Subject]) -> [Double] {
        let observations = subjects.flatMap(\.observations).filter(\.isQuantified)
        var peaks: [Int: Double] = [:]
        for obs in observations { peaks[obs.output] = max(peaks[obs.output] ?? 0, obs.value) }
        return observations.map { $0.value / peaks[$0.output]! }
    }
}
