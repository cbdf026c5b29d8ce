import PKData

/// Per-study normalisation, computed from the **context only** (aicmet-model.md §2): concentrations
/// are divided by `concentration` (the maximum positive context observation), times by `time` (the
/// latest context observation time), dose amounts by `dose` (the median first-dose amount of the
/// context). The network sees and predicts only normalised values; `denormalise` inverts exactly.
public struct StudyScaling: Codable, Hashable, Sendable {
    public var concentration: Double
    public var time: Double
    public var dose: Double

    public init(concentration: Double, time: Double, dose: Double) {
        self.concentration = concentration; self.time = time; self.dose = dose
    }

    /// Scaling from `context`; falls back to `fallback` (the target's given data) when the context has no
    /// positive observation. Throws when neither has one.
    public static func from(context: [Subject], fallback: [Subject] = []) throws -> StudyScaling {
        for source in [context, fallback] {
            let observations = source.flatMap { $0.observations }.filter(\.isQuantified)
            guard let cmax = observations.map(\.value).max() else { continue }
            let tmax = max(source.flatMap { $0.observations }.map(\.time).max() ?? 1, 1e-6)
            let doses = source.compactMap { $0.doses.first?.amount }.filter { $0 > 0 }.sorted()
            let dose = doses.isEmpty ? 1 : doses[doses.count / 2]
            return StudyScaling(concentration: cmax, time: tmax, dose: dose)
        }
        throw AICMETError.invalidInput("no positive observation in the context or the target: nothing to scale by; give the target at least one observation or add context subjects")
    }

    /// log(c / concentration), the decoder's target scale.
    @inline(__always) public func logConcentration(_ c: Double) -> Double { Foundation.log(c / concentration) }
    @inline(__always) public func concentration(fromLog l: Double) -> Double { Foundation.exp(l) * concentration }
}

import Foundation
