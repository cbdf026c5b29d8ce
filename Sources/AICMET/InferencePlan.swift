import Foundation

/// How a model draws the target's individual latent z_n, by the number k of given post-dose
/// observations: `byGiven[min(k, byGiven.count − 1)]` (the last entry holds for every larger k), the
/// population smoothing of `combined` (`PopulationPosterior`'s bandwidth), the weight of the given points'
/// likelihood (`PopulationPosterior.tempered`; 1 = the encoder's own, < 1 trusts them less), whether
/// spurious pre-dose values are withheld (`PreDoseScreen`), whether the trust in the given points is chosen
/// on the study's own subjects (`TrustSelection`), and whether the predictive spread is calibrated on them
/// (`InStudyCalibration`).
public struct InferencePlan: Codable, Hashable, Sendable, CustomStringConvertible {
    public var byGiven: [LatentInference]
    public var bandwidth: Double
    public var likelihoodWeight: Double
    public var screened: Bool
    public var selected: Bool
    public var calibrated: Bool

    public init(_ byGiven: [LatentInference], bandwidth: Double = 0, likelihoodWeight: Double = 1, screened: Bool = false,
                selected: Bool = false, calibrated: Bool = false) {
        precondition(!byGiven.isEmpty && bandwidth >= 0 && likelihoodWeight > 0)
        self.byGiven = byGiven; self.bandwidth = bandwidth; self.likelihoodWeight = likelihoodWeight
        self.screened = screened; self.selected = selected; self.calibrated = calibrated
    }

    private enum CodingKeys: String, CodingKey { case byGiven, bandwidth, likelihoodWeight, screened, selected, calibrated }

    /// Plans saved before `calibrated`, `likelihoodWeight`, `screened` or `selected` existed read as uncalibrated,
    /// weight 1, unscreened, unselected.
    public init(from decoder: any Swift.Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(try container.decode([LatentInference].self, forKey: .byGiven),
                  bandwidth: try container.decode(Double.self, forKey: .bandwidth),
                  likelihoodWeight: try container.decodeIfPresent(Double.self, forKey: .likelihoodWeight) ?? 1,
                  screened: try container.decodeIfPresent(Bool.self, forKey: .screened) ?? false,
                  selected: try container.decodeIfPresent(Bool.self, forKey: .selected) ?? false,
                  calibrated: try container.decodeIfPresent(Bool.self, forKey: .calibrated) ?? false)
    }

    /// The plan of the older `populationUpTo` setting: population for k ≤ limit, amortized above.
    public init(populationUpTo limit: Int) {
        self.init([LatentInference](repeating: .population, count: max(limit, 0) + 1) + [.amortized])
    }

    public static let amortized = InferencePlan([.amortized])

    /// The same draws without in-study calibration.
    public var uncalibrated: InferencePlan {
        InferencePlan(byGiven, bandwidth: bandwidth, likelihoodWeight: likelihoodWeight, screened: screened, selected: selected)
    }

    public func mode(given k: Int) -> LatentInference { byGiven[min(max(k, 0), byGiven.count - 1)] }

    /// `combined,amortized` or, with a bandwidth, `combined@0.5`; a likelihood weight other than 1 follows
    /// as `^0.7`; then `+screened`, `+selected` and `+calibrated` when set.
    public var description: String {
        byGiven.map(\.rawValue).joined(separator: ",") + (bandwidth > 0 ? "@\(bandwidth)" : "")
            + (likelihoodWeight != 1 ? "^\(likelihoodWeight)" : "") + (screened ? "+screened" : "") + (selected ? "+selected" : "") + (calibrated ? "+calibrated" : "")
    }

    /// Parses `MODE[,MODE…][@BANDWIDTH][^WEIGHT][+screened][+selected][+calibrated]`, MODE one of amortized, population,
    /// combined, WEIGHT the likelihood weight in (0, 4].
    public static func parse(_ text: String) throws -> InferencePlan {
        var words = text.split(separator: "+", omittingEmptySubsequences: false).map(String.init)
        var body = words.removeFirst()
        for word in words where !["screened", "selected", "calibrated"].contains(word) {
            throw AICMETError.invalidSpec("unknown option '+\(word)' in '\(text)'; known: +screened, +selected, +calibrated")
        }
        let calibrated = words.contains("calibrated"), screened = words.contains("screened"), selected = words.contains("selected")
        var likelihoodWeight = 1.0
        if let caret = body.lastIndex(of: "^") {
            let value = String(body[body.index(after: caret)...])
            guard let weight = Double(value), weight > 0, weight <= 4 else {
                throw AICMETError.invalidSpec("likelihood weight '\(value)' in '\(text)' must be a number in (0, 4] (e.g. combined@0.5^0.7)")
            }
            likelihoodWeight = weight
            body = String(body[..<caret])
        }
        let parts = body.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let modes = try parts[0].split(separator: ",").map { word in
            let name = word.trimmingCharacters(in: .whitespaces)
            guard let mode = LatentInference(rawValue: name) else {
                throw AICMETError.invalidSpec("unknown inference '\(name)'; known: \(LatentInference.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return mode
        }
        guard !modes.isEmpty else { throw AICMETError.invalidSpec("inference plan '\(text)' is empty; e.g. combined@0.5 or population,amortized") }
        var bandwidth = 0.0
        if parts.count == 2 {
            guard let value = Double(parts[1]), value >= 0, value.isFinite else {
                throw AICMETError.invalidSpec("bandwidth '\(parts[1])' in '\(text)' must be a number ≥ 0 (e.g. combined@0.5)")
            }
            bandwidth = value
        }
        return InferencePlan(modes, bandwidth: bandwidth, likelihoodWeight: likelihoodWeight, screened: screened,
                             selected: selected, calibrated: calibrated)
    }
}
