/// What a command returns: output blocks in order. Errors are thrown as `WorkbenchError`.
public struct CommandResult: Sendable {
    public var blocks: [OutputBlock]
    public init(_ blocks: [OutputBlock] = []) { self.blocks = blocks }

    public static func table(_ t: Table) -> CommandResult { CommandResult([.table(t)]) }
    public static func text(_ s: String) -> CommandResult { CommandResult([.text(s)]) }
    public static let empty = CommandResult()

    /// The tables among the blocks, in order (convenient in tests).
    public var tables: [Table] {
        blocks.compactMap { if case .table(let t) = $0 { return t } else { return nil } }
    }
}
