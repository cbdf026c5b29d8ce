/// A step run once when a session creates a new workspace file (e.g. loading the pretrained model
/// into it). A throwing initialiser makes opening fail with its message.
public struct WorkspaceInitialiser {
    public var name: String
    public var run: (Session) throws -> Void
    public init(name: String, run: @escaping (Session) throws -> Void) { self.name = name; self.run = run }
}
