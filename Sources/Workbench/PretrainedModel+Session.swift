import AICMET
import Foundation

extension Session {
    /// Imports the pretrained model (see `PretrainedModel`) as model `default` with its provenance (a
    /// pretraining run row from `training.json` when present and of the same step count). Returns false, leaving a note in
    /// `settings[PretrainedModel.noteKey]`, when the weights file is missing or `default` exists already;
    /// throws (naming the file) when the file is present but not a valid AICMET model.
    @discardableResult
    public func loadPretrained(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Bool {
        let url = PretrainedModel.weightsURL(workspacePath: workspace.path, environment: environment)
        guard FileManager.default.fileExists(atPath: url.path) else {
            settings[PretrainedModel.noteKey] = "no pretrained model at \(url.path); the workspace starts without `default`"
            return false
        }
        if try wrap({ try workspace.models.load(named: PretrainedModel.modelName) }) != nil {
            settings[PretrainedModel.noteKey] = "model `default` exists already; \(url.path) was not imported"
            return false
        }
        _ = try importModel(url: url, label: url.path, name: PretrainedModel.modelName, origin: "pretrained \(displayPath(url))",
                            records: try PretrainedModel.trainingRecords(beside: url))
        settings[PretrainedModel.noteKey] = nil
        return true
    }

    /// `url`'s path relative to the working directory when it lies inside it, else absolute.
    func displayPath(_ url: URL) -> String {
        let base = workingDirectory.standardizedFileURL.path + "/"
        let path = url.standardizedFileURL.path
        return path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path
    }
}
