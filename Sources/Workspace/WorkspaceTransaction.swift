import GRDB

/// The stores inside one open transaction (see `Workspace.transaction`). Valid only during the call.
public struct WorkspaceTransaction {
    let db: Database
    var access: DatabaseAccess { .transaction(db) }

    public var studies: StudyStore { StudyStore(access: access) }
    public var history: HistoryStore { HistoryStore(access: access) }
    public var models: ModelStore { ModelStore(access: access) }
    public var runs: RunStore { RunStore(access: access) }
    public var evaluations: EvaluationStore { EvaluationStore(access: access) }
    public var priors: PriorStore { PriorStore(access: access) }
}
