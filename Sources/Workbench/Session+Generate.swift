import AICMET
import Foundation
import PKData

/// `generate STUDY --n N [--model NAME] [--seed S] [--save NAME]`.
extension Session {
    /// N virtual subjects for a study: each takes a template subject of the study (drawn uniformly among
    /// those with parent observations) for its doses, covariates and observation times, and its parent
    /// concentrations are sampled from the model with no observation given (`sampleVirtualSubjects`), the
    /// study's subjects forming the context. One row per sampled point: subject (V1…VN), time, concentration.
    /// `save` stores them as a new study (in one write). Seeded by `seed`, default the session seed.
    public func generate(study studyName: String, count: Int, model modelName: String? = nil, seed: UInt64? = nil,
                         save: String? = nil) throws -> CommandResult {
        guard (1...10_000).contains(count) else { throw WorkbenchError("--n must be 1…10000, not \(count)", hint: "e.g. --n 20") }
        if let save {
            try Session.validateStudyName(save)
            if try wrap({ try workspace.studies.summary(named: save) }) != nil {
                throw WorkbenchError("study '\(save)' already exists", hint: "choose another name for --save, or `study delete \(save)` first")
            }
        }
        let study = try requireStudy(studyName)
        let name = modelName ?? defaultModelName
        let (_, _, model) = try loadModel(name)
        let candidates = study.subjects.filter { $0.observations.contains { $0.output == 0 } }
        guard !candidates.isEmpty else {
            throw WorkbenchError("study '\(study.name)' has no subject with concentrations to serve as a template", hint: "import a study with observations")
        }
        var rng = SeededGenerator(seed: seed ?? self.seed)
        let templates = (0..<count).map { _ in candidates[Int(rng.next() % UInt64(candidates.count))] }
        let times = templates.map { t in t.observations.filter { $0.output == 0 }.map(\.time).sorted() }
        try checkCancelled()
        let values: [[Double]]
        do {
            values = try Session.sampleVirtualSubjects(model: model, context: study.subjects, templates: templates, times: times, rng: &rng)
        } catch {
            throw WorkbenchError("generating from '\(study.name)' with model '\(name)' failed: \(error)",
                                 hint: "the study needs subjects with positive concentrations as context")
        }
        var t = Table(title: "\(count) virtual subjects for \(study.name) from \(name)", columns: ["subject", "time", "concentration"])
        var subjects: [Subject] = []
        for (i, template) in templates.enumerated() {
            let id = "V\(i + 1)"
            for (time, value) in zip(times[i], values[i]) { t.append([.text(id), .number(time), .number(value)]) }
            subjects.append(Subject(id: id, doses: template.doses.map { var d = $0; d.row = nil; return d },
                                    observations: zip(times[i], values[i]).map { Observation(time: $0, value: $1) },
                                    covariates: template.covariates))
        }
        var result = CommandResult.table(t)
        if let save {
            let summary = try wrap {
                try workspace.studies.save(Study(name: save, subjects: subjects, units: study.units),
                                           source: "generate \(study.name) --n \(count) --model \(name) --seed \(seed ?? self.seed)")
            }
            result.blocks.append(.text("saved \(summary.subjects) virtual subjects (\(summary.observations) observations) as study \(save)"))
        }
        return result
    }
}
