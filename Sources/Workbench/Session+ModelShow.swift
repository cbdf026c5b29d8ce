import AICMET
import Foundation
import Workspace

/// `model show NAME [--curve]`: spec, plugins and provenance (runs, parent, finetune report, pretrained
/// record); with `curve`, the pretraining loss curve stored in the checkpoint (one row per logged point:
/// means over the steps since the previous point).
extension Session {
    public func modelShow(_ name: String, curve: Bool = false) throws -> CommandResult {
        let record = try requireModelRecord(name)
        let checkpoint = try checkpoint(of: record)
        let spec = checkpoint.spec
        let provenance = ModelProvenance.decode(record.metrics)
        let plugins = (try? JSONDecoder().decode([ModelPlugin].self, from: Data(record.plugins.utf8))) ?? []
        let s = spec.size

        var t = Table(title: "model \(record.name)", columns: ["field", "value"])
        func row(_ field: String, _ value: String) { t.append([.text(field), .text(value)]) }
        row("prior", spec.prior)
        row("decoder", spec.decoder.description)
        row("covariates", spec.adapters.isEmpty ? "none"
            : spec.adapters.joined(separator: ", ") + " (reads " + spec.covariates.joined(separator: ", ") + ")")
        row("size", "\(Session.sizeName(s)): hidden \(s.hidden), GRU \(s.gruLayers) layer(s), latents \(s.studyLatent) + \(s.individualLatent), "
            + "decoder \(s.decoderWidth) × \(s.decoderBlocks) block(s)")
        if spec.relativeQueryTime == true { row("queries", "time and time since the last given observation") }
        if spec.givenAttention == true { row("decoder memory", "latents, covariates and the given observations") }
        if spec.studyConditioned == true { row("individual posterior", "reads the subject and the study's context summary") }
        if spec.mechanistic == true {
            let release = spec.mechanisticRelease == true ? "zero-order release over D1, " : ""
            row("mean", "compartmental (\(release)absorption, lag, two exponentials, superposed over doses) + residual")
        }
        if let members = spec.ensemble { row("ensemble", "\(members) networks trained apart; forecasts are the equal mixture of theirs") }
        row("outputs", "\(spec.outputs)")
        row("parameters", "\(checkpoint.weights.reduce(0) { $0 + $1.tensor.count })")
        row("trained steps", "\(checkpoint.state.step)")
        row("support", "routes \(spec.support.routes.joined(separator: ", ")); up to \(spec.support.maxDoses) dose(s); "
            + (spec.support.infusions ? "infusions" : "no infusions")
            + (spec.support.lowestRelativeConcentration.map { String(format: "; down to %.2g %% of the peak", 100 * $0) } ?? "")
            + (spec.support.maxSampledDoseIntervals.map { "; samples after ≤ \($0) dose(s) per subject" } ?? ""))
        row("inference", "\(spec.inferencePlan) (z_n by number of given observations k = 0, 1, …; the last holds above)")
        if let spread = spec.heldOutSpread { row("interval spread", spread.description) }
        for (plan, spread) in (spec.syntheticSpread ?? [:]).sorted(by: { $0.key < $1.key }) {
            row("synthetic spread", "\(plan): \(spread.description)")
        }
        row("plugins", plugins.map { "\($0.kind) \($0.id) \($0.version)" }.joined(separator: "; "))
        if let provenance {
            row("origin", provenance.origin)
            if let seed = provenance.initSeed { row("initial seed", "\(seed)") }
            if let parent = provenance.parent { row("parent", parent) }
        }
        if let config = checkpoint.config {
            row("training config", "batch \(config.batchStudies), lr \(config.learningRate), warm-up \(config.warmupSteps), "
                + "KL anneal \(config.klAnnealSteps), clip \(config.clipNorm), seed \(config.seed), \(config.steps) steps scheduled")
        }
        row("created", Session.timestamp(record.created))
        var result = CommandResult.table(t)

        let runs = try wrap { try workspace.runs.list(modelID: record.id) }
        if !runs.isEmpty {
            var r = Table(title: "runs", columns: ["id", "kind", "status", "steps", "seed", "final loss", "started", "finished", "command"])
            for run in runs {
                r.append([.integer(Int(run.id)), .text(run.kind.rawValue), .text(run.status), .integer(run.steps),
                          .text(String(run.seed)), .optional(run.lossCurve.last), .text(Session.timestamp(run.started)),
                          .text(run.finished.map(Session.timestamp) ?? ""), .text(run.command)])
            }
            result.blocks.append(.table(r))
        }
        if let report = provenance?.finetune {
            var f = Table(title: "finetuning: validation NLL per held-out point (best step \(report.bestStep)"
                          + (report.stoppedEarly ? ", stopped early" : "") + "; \(report.heldOutDescription))", columns: ["step", "validation NLL"])
            for point in report.validation { f.append([.integer(point.step), .number(point.nll)]) }
            result.blocks.append(.table(f))
        }
        let records = provenance.map { ($0.pretrained.map { [$0] } ?? []) + ($0.pretrainedMembers ?? []) } ?? []
        for (i, pretrained) in records.enumerated() {
            result.blocks.append(.text((records.count > 1 ? "member \(i + 1) " : "") + "pretrained with: \(pretrained.command) (seed \(pretrained.seed), "
                                       + "\(pretrained.state.step) steps, \(pretrained.state.curve.count) curve points)"))
        }
        if curve {
            var c = Table(title: "pretraining curve", columns: ["step", "loss", "reconstruction", "forecast", "KL individual",
                                                              "KL study", "learning rate", "gradient norm"])
            for p in checkpoint.state.curve {
                c.append([.integer(p.step), .number(Double(p.values.loss)), .number(Double(p.values.reconstruction)),
                          .number(Double(p.values.forecast)), .number(Double(p.values.klIndividual)), .number(Double(p.values.klStudy)),
                          .number(Double(p.learningRate), digits: 3), .number(Double(p.gradientNorm), digits: 3)])
            }
            result.blocks.append(.table(c))
        }
        return result
    }
}
