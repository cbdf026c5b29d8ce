import Foundation
import Tensor

/// Ensembles: M ≥ 2 networks of one architecture trained apart, forecasting as the equal mixture of their
/// predictives (`predictiveDistributions`). Member 0 is the model's own `network`.
extension AICMETModel {
    /// The ensemble of `members` (single models of one architecture, ≥ 2) under `spec` (its `ensemble` is set
    /// to the member count). Networks are shared, not copied.
    public convenience init(spec: VariantSpec, members: [AICMETModel]) throws {
        guard members.count >= 2, members.allSatisfy({ $0.otherMembers.isEmpty }) else {
            throw AICMETError.invalidSpec("an ensemble needs at least two single (non-ensemble) models; got \(members.count)")
        }
        var spec = spec
        spec.ensemble = members.count
        for (i, member) in members.enumerated() where !member.spec.sameArchitecture(as: spec.singleMember) {
            throw AICMETError.invalidSpec("ensemble member \(i + 1) ('\(member.spec.name)') has another architecture than '\(spec.name)'")
        }
        self.init(spec: spec, network: members[0].network, otherMembers: Array(members.dropFirst()))
    }

    /// Every member as a single model (spec without `ensemble`, networks shared): [self] for a single model.
    public var members: [AICMETModel] {
        otherMembers.isEmpty ? [self] : [AICMETModel(spec: spec.singleMember, network: network, otherMembers: [])] + otherMembers
    }

    /// Every member's parameters, member m ≥ 1's names prefixed `member<m>.` (what a checkpoint stores).
    public var namedParameters: [(name: String, tensor: Tensor)] {
        network.parameters + otherMembers.enumerated().flatMap { m, member in
            member.network.parameters.map { (name: "\(Self.memberPrefix(m + 1))\($0.name)", tensor: $0.tensor) }
        }
    }

    static func memberPrefix(_ member: Int) -> String { "member\(member)." }

    /// The ensemble of `models` (ensembles among them unpacked into their members), named `name` (default: the
    /// first model's), with the first model's spec otherwise. Spreads measured for a member (synthetic,
    /// finetuning's held-out) do not describe the mixture and are dropped. All must share one prior unless
    /// `mixedPriors`: then the ensemble is described by the first model's prior and measured support (put the
    /// member with the broadest prior first; its spread is then measured on that prior).
    public static func joining(_ models: [AICMETModel], name: String? = nil, mixedPriors: Bool = false) throws -> AICMETModel {
        guard let first = models.first else { throw AICMETError.invalidSpec("an ensemble needs at least two models; got none") }
        for model in models where model.spec.prior != first.spec.prior && !mixedPriors {
            throw AICMETError.invalidSpec("'\(model.spec.name)' learnt from prior '\(model.spec.prior)', '\(first.spec.name)' from "
                                          + "'\(first.spec.prior)': an ensemble's members share one prior unless mixed priors are allowed")
        }
        var spec = first.spec
        if let name { spec.name = name }
        spec.syntheticSpread = nil
        spec.heldOutSpread = nil
        return try AICMETModel(spec: spec, members: models.flatMap(\.members))
    }
}

extension TrainingState {
    /// The state an ensemble's checkpoint keeps for its members' `states`: their steps and seconds summed
    /// (what the members' training records must add up to), no curve.
    public static func joined(_ states: [TrainingState]) -> TrainingState {
        TrainingState(step: states.reduce(0) { $0 + $1.step }, elapsedSeconds: states.reduce(0) { $0 + $1.elapsedSeconds })
    }
}
