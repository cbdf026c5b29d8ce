import AICMET
import Foundation

/// `model inference NAME [PLAN]`: shows or sets how the model draws a subject's latent (its `InferencePlan`),
/// which `forecast`, `evaluate` and `generate` use unless told otherwise. Setting rewrites the stored
/// checkpoint's spec (weights unchanged) in one transaction.
extension Session {
    public func modelInference(_ name: String, plan text: String? = nil) throws -> CommandResult {
        let record = try requireModelRecord(name)
        var checkpoint = try checkpoint(of: record)
        guard let text else {
            return .text("model \(name): inference \(checkpoint.spec.inferencePlan)")
        }
        let plan: InferencePlan
        do { plan = try InferencePlan.parse(text) } catch {
            throw WorkbenchError("model inference \(name): \(error)",
                                 hint: "amortized, population or combined, one per k or one for all, optionally @bandwidth, ^likelihood-weight and +calibrated: combined,amortized@0.5+calibrated")
        }
        let before = checkpoint.spec.inferencePlan
        checkpoint.spec.inference = plan
        try wrap { try workspace.models.update(name: name, weights: try checkpoint.serialize(), spec: checkpoint.spec.json()) }
        return .text("model \(name): inference \(before) → \(plan)")
    }
}
