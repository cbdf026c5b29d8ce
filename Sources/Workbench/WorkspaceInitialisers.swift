/// The initialisers every new workspace gets, in order. To seed new workspaces with something
/// (e.g. the pretrained model from `workspace/models/`), add one entry here:
///
///     WorkspaceInitialiser(name: "pretrained model") { session in try session.loadPretrained() },
public enum WorkspaceInitialisers {
    public static let onNewWorkspace: [WorkspaceInitialiser] = [
        PretrainedModel.initialiser,
    ]
}
