import Foundation
import PKData
import PKSim

/// `simulate PRIOR [--adapters A,B] --studies N --subjects M [--seed S] [--save NAME]`.
extension Session {
    /// Simulates `studies` studies of `subjects` subjects from a prior (with the adapters composed in:
    /// PRIOR+A+B). Study k uses its own generator split from the seed (the session's when nil), so the
    /// same command gives the same studies. With `save`, they are stored like imported studies (one
    /// transaction; NAME, or NAME_1 … NAME_N) and the first becomes the active study.
    public func simulate(prior id: String, adapters: [String] = [], studies: Int = 1, subjects: Int = 10,
                         seed: UInt64? = nil, save: String? = nil) throws -> CommandResult {
        guard (1...10_000).contains(studies) else { throw WorkbenchError("--studies \(studies) is out of range", hint: "use 1 to 10000") }
        guard (1...10_000).contains(subjects) else { throw WorkbenchError("--subjects \(subjects) is out of range", hint: "use 1 to 10000") }
        let composed = ([id] + adapters).joined(separator: "+")
        let prior = try requirePrior(composed)
        let seed = seed ?? self.seed
        var master = SeededGenerator(seed: seed)
        var out: [Study] = []
        for k in 0..<studies {
            try checkCancelled()
            var rng = master.split()
            var s = try sampleStudy(prior, subjects: subjects, rng: &rng)
            s.name = save.map { studies == 1 ? $0 : "\($0)_\(k + 1)" } ?? "\(composed)#\(k + 1)"
            out.append(s)
        }
        var t = Table(title: "\(studies) \(studies == 1 ? "study" : "studies") from \(composed), seed \(seed)",
                      columns: ["study", "subjects", "doses", "observations", "route", "covariates"])
        for s in out {
            let first = s.subjects.first?.doses.first
            let route = first.map { $0.route == .oral ? "oral" : ($0.isInfusion ? "infusion" : "iv bolus") } ?? ""
            let covariates = Set(s.subjects.flatMap { $0.covariates.keys }).sorted().joined(separator: ",")
            t.append([.text(s.name), .integer(s.subjects.count), .integer(s.subjects.reduce(0) { $0 + $1.doses.count }),
                      .integer(s.subjects.reduce(0) { $0 + $1.observations.count }), .text(route), .text(covariates)])
        }
        var result = CommandResult(takeRegistryNotes() + [.table(t)])
        if save != nil {
            for s in out {
                try Session.validateStudyName(s.name)
                if try wrap({ try workspace.studies.summary(named: s.name) }) != nil {
                    throw WorkbenchError("study '\(s.name)' already exists", hint: "choose another name with --save, or `study delete \(s.name)` first")
                }
            }
            try wrap {
                try workspace.transaction { tx in
                    for s in out { _ = try tx.studies.save(s, source: "simulate \(composed) --seed \(seed)") }
                }
            }
            activeStudy = out[0].name
            result.blocks.append(.text("saved \(out.map(\.name).joined(separator: ", "))"))
        }
        return result
    }
}
