/// Names of workspace objects (for completion and suggestions).
extension Session {
    public func studyNames() throws -> [String] { try wrap { try workspace.studies.names() } }
    public func modelNames() throws -> [String] { try wrap { try workspace.models.names() } }
    /// Subject IDs of a study in stored order (empty when there is no such study).
    public func subjectIDs(study: String) throws -> [String] { try wrap { try workspace.studies.subjectIDs(named: study) } }
}
