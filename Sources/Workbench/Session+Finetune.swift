import AICMET
import Foundation
import Workspace

/// `finetune NAME --study S --into NEW [--steps N] [--seed S] [--folds F]`.
extension Session {
    /// Finetunes model NAME on study S (`Finetuner.run`: leave-one-subject-out targets from the training
    /// subjects, early stopping on held-out subjects, best weights kept) and saves the result as model NEW
    /// with parent NAME, in one transaction with its run row (loss curve = the validation curve) and the
    /// finetune report (validation curve, best step, held-out subjects) in its provenance. NEW keeps NAME's
    /// pretraining state (its "trained steps"). With `folds` ≥ 2 the step and the spread are cross-validated and
    /// NEW trains on every subject (`Finetuner.crossValidated`). Ctrl-C cancels and saves nothing.
    public func finetune(_ name: String, study studyName: String, into newName: String, steps: Int? = nil, seed: UInt64? = nil,
                         folds: Int? = nil, progress: ProgressHandler = { _, _, _ in }) throws -> CommandResult {
        try Session.validateModelName(newName)
        if let steps, steps < 1 { throw WorkbenchError("--steps must be at least 1, not \(steps)", hint: "e.g. --steps 200") }
        if let folds, folds < 1 {
            throw WorkbenchError("--folds must be at least 1, not \(folds)", hint: "1 holds out a quarter of the subjects once; e.g. --folds 4 cross-validates")
        }
        if try wrap({ try workspace.models.load(named: newName) }) != nil {
            throw WorkbenchError("model '\(newName)' already exists", hint: "choose another name for --into, or `model delete \(newName)` first")
        }
        let study = try requireStudy(studyName)
        let (record, checkpoint, model) = try loadModel(name)
        let config = FinetuneConfig(maxSteps: steps ?? 400, seed: seed ?? self.seed, folds: folds ?? 1)
        let (tuned, report): (AICMETModel, FinetuneReport)
        do {
            (tuned, report) = try Finetuner.run(
                model: model, study: study, name: newName, config: config,
                shouldStop: { [cancellation] in cancellation.isCancelled },
                onProgress: { p, nll in
                    progress(p.step, config.maxSteps,
                             nll.map { String(format: "validation NLL %.3f", $0) } ?? String(format: "loss %.3f", p.values.loss))
                })
        } catch let e as AICMETError {
            throw WorkbenchError("cannot finetune '\(name)' on '\(studyName)': \(e.description)",
                                 hint: e.description.contains("at least 3") ? "choose a study with more subjects" : nil)
        }
        if cancellation.isCancelled {
            throw WorkbenchError("finetuning '\(name)' on '\(studyName)' was cancelled at step \(report.state.step); nothing was saved",
                                 hint: "run it again, with fewer --steps if it takes too long")
        }
        let spec = tuned.spec
        let blob = try wrapModel {
            try Checkpoint(spec: spec, config: checkpoint.config, state: checkpoint.state, weights: tuned.namedParameters).serialize()
        }
        let command = "finetune \(name) --study \(studyName) --into \(newName) --steps \(config.maxSteps) --seed \(config.seed)"
            + (config.folds > 1 ? " --folds \(config.folds)" : "")
        let provenance = ModelProvenance(origin: "finetune", parent: name, finetune: report)
        try wrap {
            try workspace.transaction { tx in
                let saved = try tx.models.save(name: newName, spec: spec.json(), plugins: Session.pluginsJSON(plugins(of: spec)),
                                               weights: blob, parentID: record.id, metrics: provenance.json())
                let run = try tx.runs.start(modelID: saved.id, kind: .finetune, command: command, seed: config.seed)
                try tx.runs.update(id: run.id, steps: report.state.step, status: "done", lossCurve: report.validation.map(\.nll),
                                   finished: Date())
            }
        }
        var t = Table(title: "validation NLL per held-out point (normalised log scale)", columns: ["step", "validation NLL"])
        for point in report.validation { t.append([.integer(point.step), .number(point.nll)]) }
        let first = report.validation.first?.nll ?? .nan
        let best = report.validation.first { $0.step == report.bestStep }?.nll ?? first
        let stopped = report.stoppedEarly ? " (stopped early)" : ""
        let trained = report.folds.map { "\(report.bestStep) steps on all \(report.validationSubjects.count) subjects, the best step of "
                                         + "\($0)-fold cross-validation (\(report.validation.last?.step ?? 0) steps\(stopped))" }
            ?? "\(report.state.step) steps\(stopped); best step \(report.bestStep)"
        let summary = "finetuned \(name) on \(studyName) into \(newName): \(trained), validation NLL "
            + "\(Cell.format(first, digits: 3)) → \(Cell.format(best, digits: 3)); \(report.heldOutDescription)"
            + (spec.heldOutSpread.map { "; interval spread \($0.description)" } ?? "")
        return CommandResult([.table(t), .text(summary)])
    }
}
