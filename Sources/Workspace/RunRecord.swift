import Foundation

/// A training run (pretraining or finetuning) of a model, with its loss curve (one value per logged step).
public struct RunRecord: Hashable, Sendable {
    public enum Kind: String, Sendable { case pretrain, finetune }
    public var id: Int64
    public var modelID: Int64?
    public var kind: Kind
    public var command: String
    public var seed: UInt64
    public var steps: Int
    /// Free text, by convention "running", "done", "cancelled", "failed".
    public var status: String
    public var lossCurve: [Double]
    public var started: Date
    public var finished: Date?
}
