import PKData
import PKSim

/// The feature vectors the network reads, for a variant with `outputs` outputs and covariate adapters.
///
/// Observation token (`tokenWidth` floats):
///   [ t/T, min(y/C, 10), log(y/C)/5, (t − t_prev)/T, dose history (DoseHistoryFeatures.count),
///     one-hot output (outputs), covariate features (covariateWidth) ]
/// Decoder query (`queryWidth` floats): [ t/T, dose history, one-hot output ], and with `relativeQueryTime`
/// also [ (t − t_last)/T, 1 ] (t_last: the last observation the individual latent was inferred from), or
/// [0, 0] when it was inferred from none (aicmet-model.md §2); with `mechanistic`, then the dose table of
/// `MechanisticMean` (not read by the query MLP: `queryFeatureWidth` floats are).
/// Covariates (`covariateWidth` floats): per adapter its `features(...)` then a presence flag (1 when every
/// covariate the adapter reads is present, else its features are 0). A covariate is looked up by the adapter's name
/// in any letter case (`Subject.baselineCovariate(named:)`).
public struct FeatureLayout: Sendable {
    public let outputs: Int
    public let adapters: [any CovariateAdapter]
    public let covariateWidth: Int
    public let relativeQueryTime: Bool
    public let mechanistic: Bool

    public init(outputs: Int, adapters: [any CovariateAdapter], relativeQueryTime: Bool = false, mechanistic: Bool = false) {
        self.outputs = outputs
        self.adapters = adapters
        self.relativeQueryTime = relativeQueryTime
        self.mechanistic = mechanistic
        var width = 0
        for adapter in adapters {
            width += adapter.features(Dictionary(uniqueKeysWithValues: adapter.covariateNames.map { ($0, 1.0) })).count + 1
        }
        covariateWidth = width
    }

    public var tokenWidth: Int { 4 + DoseHistoryFeatures.count + outputs + covariateWidth }
    public var queryFeatureWidth: Int { 1 + DoseHistoryFeatures.count + outputs + (relativeQueryTime ? 2 : 0) }
    public var queryWidth: Int { queryFeatureWidth + (mechanistic ? MechanisticMean.queryWidth : 0) }

    public func covariateFeatures(_ subject: Subject) -> [Float] {
        var out: [Float] = []
        out.reserveCapacity(covariateWidth)
        for adapter in adapters {
            var values: [String: Double] = [:]
            for name in adapter.covariateNames { values[name] = subject.baselineCovariate(named: name) }
            let present = adapter.covariateNames.allSatisfy { values[$0]?.isFinite ?? false }
            let dummy = Dictionary(uniqueKeysWithValues: adapter.covariateNames.map { ($0, 1.0) })
            if present {
                out.append(contentsOf: adapter.features(values).map { Float(max(-5, min(5, $0))) })
            } else {
                out.append(contentsOf: repeatElement(0, count: adapter.features(dummy).count))
            }
            out.append(present ? 1 : 0)
        }
        return out
    }

    /// Observations the encoder reads: positive, uncensored, of a known output, sorted by time.
    public func usableObservations(_ subject: Subject) -> [Observation] {
        subject.observations.filter { $0.isQuantified && $0.output < outputs }
    }

    /// Token rows (row-major, `tokenWidth` each) for `observations` of `subject`.
    public func tokens(for observations: [Observation], of subject: Subject, scaling: StudyScaling) -> [Float] {
        var out: [Float] = []
        out.reserveCapacity(observations.count * tokenWidth)
        let covariates = covariateFeatures(subject)
        var previous: Double? = nil
        for obs in observations {
            let ratio = obs.value / scaling.concentration
            out.append(Float(obs.time / scaling.time))
            out.append(Float(min(ratio, 10)))
            out.append(Float(Foundation.log(ratio) / 5))
            out.append(Float(previous.map { (obs.time - $0) / scaling.time } ?? 0))
            DoseHistoryFeatures.append(at: obs.time, doses: subject.doses, scaling: scaling, to: &out)
            for o in 0..<outputs { out.append(o == obs.output ? 1 : 0) }
            out.append(contentsOf: covariates)
            previous = obs.time
        }
        return out
    }

    /// Query rows (`queryWidth` each) for times `times` of output `output`; `lastGiven` is the time of the last
    /// observation the individual latent was inferred from (nil: none).
    public func queries(at times: [Double], output: Int, doses: [Dose], scaling: StudyScaling, lastGiven: Double?) -> [Float] {
        var out: [Float] = []
        out.reserveCapacity(times.count * queryWidth)
        for t in times {
            out.append(Float(t / scaling.time))
            DoseHistoryFeatures.append(at: t, doses: doses, scaling: scaling, to: &out)
            for o in 0..<outputs { out.append(o == output ? 1 : 0) }
            if relativeQueryTime {
                out.append(Float(lastGiven.map { (t - $0) / scaling.time } ?? 0))
                out.append(lastGiven == nil ? 0 : 1)
            }
            if mechanistic { MechanisticMean.append(at: t, output: output, doses: doses, scaling: scaling, to: &out) }
        }
        return out
    }
}

import Foundation
