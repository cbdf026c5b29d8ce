import AICMET
import Foundation

/// The pretrained default model shipped with the repository: `models/default/model.safetensors` beside the
/// workspace file (so `workspace/models/default/…` for the default workspace `workspace/workbench.sqlite`),
/// with `training.json` (the command, seed, settings and loss curve written by `aicmet-train`; one per member
/// for an ensemble) next to it.
/// `$AICMET_PRETRAINED` (a path to a `.safetensors` file) overrides the location.
public enum PretrainedModel {
    /// The name the pretrained model gets in a new workspace.
    public static let modelName = "default"
    public static let environmentKey = "AICMET_PRETRAINED"
    /// Key of `Session.settings` holding why the pretrained model was not loaded (shown by `model list`).
    public static let noteKey = "pretrained.note"

    /// `training.json` as written by `Tools/aicmet-train` (`AICMET.TrainingRecord`).
    public typealias TrainingRecord = AICMET.TrainingRecord

    /// The records in the `training.json` beside a weights file: one object, or for an ensemble a list with one
    /// per member (in member order); empty when there is none. Throws when it is not a training record.
    public static func trainingRecords(beside url: URL) throws -> [TrainingRecord] {
        do { return try TrainingRecord.read(beside: url) } catch {
            throw WorkbenchError("\(TrainingRecord.url(beside: url).path) is not a training record: \(error)",
                                 hint: "it should be the training.json written by aicmet-train beside model.safetensors")
        }
    }

    /// Where the weights file is looked for, for the workspace file at `workspacePath`.
    public static func weightsURL(workspacePath: String,
                                  environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let path = environment[environmentKey], !path.isEmpty { return URL(fileURLWithPath: path) }
        return URL(fileURLWithPath: workspacePath).deletingLastPathComponent()
            .appendingPathComponent("models/default/model.safetensors")
    }

    /// The initialiser that imports the pretrained model into every new workspace. It never makes opening
    /// fail: when the file is missing or invalid, the reason is left in `Session.settings[noteKey]` (shown by
    /// `model list`) and the workspace starts without `default`.
    public static let initialiser = WorkspaceInitialiser(name: "pretrained model") { session in
        do { try session.loadPretrained() } catch {
            session.settings[noteKey] = "the pretrained model was not loaded: \(WorkbenchError.from(error).message)"
        }
    }
}
