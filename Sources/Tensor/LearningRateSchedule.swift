import Foundation

/// A learning rate as a function of the 0-based step.
public struct LearningRateSchedule: Sendable {
    private let rate: @Sendable (Int) -> Float

    public init(_ rate: @escaping @Sendable (Int) -> Float) { self.rate = rate }

    public func callAsFunction(step: Int) -> Float { rate(step) }

    /// Linear warm-up from base/warmupSteps (step 0) to `base` (step warmupSteps − 1), then cosine decay
    /// from `base` at step warmupSteps to `minimum` at `totalSteps`; `minimum` afterwards.
    public static func warmupCosine(base: Float, warmupSteps: Int, totalSteps: Int, minimum: Float = 0) -> LearningRateSchedule {
        LearningRateSchedule { step in
            if step < warmupSteps { return base * Float(step + 1) / Float(warmupSteps) }
            let span = Swift.max(totalSteps - warmupSteps, 1)
            let progress = Swift.min(Double(step - warmupSteps) / Double(span), 1)
            return minimum + (base - minimum) * Float(0.5 * (1 + Foundation.cos(Double.pi * progress)))
        }
    }

    public static func constant(_ value: Float) -> LearningRateSchedule { LearningRateSchedule { _ in value } }
}
