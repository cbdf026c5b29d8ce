import Foundation

/// A prior manifest stored in the workspace (TOML text), keyed by its plugin id.
public struct PriorRecord: Hashable, Sendable {
    public var id: String
    public var manifest: String
    public var created: Date
}
