import Foundation

/// A saved model: its variant spec (JSON), the plugins it needs (JSON, ids with versions), its weights
/// (an opaque blob, e.g. safetensors), the model it was finetuned from and its metrics (JSON).
public struct ModelRecord: Hashable, Sendable {
    public var id: Int64
    public var name: String
    public var spec: String
    public var plugins: String
    public var weights: Data?
    public var parentID: Int64?
    public var metrics: String?
    public var created: Date
}
