import AICMET
import Foundation
import PKData
import PKSim
import XCTest
@testable import Workbench

/// `model`, `train`, `finetune`, `forecast`, `generate` on tiny models (few steps, fixed seeds).
final class ModelCommandTests: XCTestCase {
    var tmp: TemporaryDirectory!
    override func setUpWithError() throws { tmp = try TemporaryDirectory() }
    override func tearDown() { tmp.cleanup() }

    func session(_ file: String = "ws.sqlite", initialisers: [WorkspaceInitialiser] = []) throws -> Session {
        try Session(workspacePath: tmp.url.appendingPathComponent(file).path,
                    workingDirectory: TemporaryDirectory.repoRoot, initialisers: initialisers)
    }

    func tiny(_ s: Session, _ name: String = "m", seed: UInt64 = 3) throws {
        _ = try s.modelNew(name: name, prior: "one-compartment", decoder: "gaussian", size: "tiny", seed: seed)
    }

    func weights(_ s: Session, _ name: String) throws -> [[Float]] {
        try s.checkpoint(of: s.requireModelRecord(name)).weights.map(\.tensor.scalars)
    }

    func testNewListShowUseDelete() throws {
        let s = try session()
        try tiny(s)
        _ = try s.modelNew(name: "mix", prior: "two-compartment+metabolite", decoder: "mixture:3",
                           covariates: ["weight-allometric"], size: "tiny", seed: 1)
        let list = try XCTUnwrap(s.modelList().tables.first)
        XCTAssertEqual(list.columns, ["name", "prior", "decoder", "size", "parameters", "trained steps", "created"])
        XCTAssertEqual(list.column("name"), [.text("m"), .text("mix")])
        XCTAssertEqual(list.column("decoder"), [.text("gaussian"), .text("mixture:3")])
        XCTAssertEqual(list.column("trained steps"), [.integer(0), .integer(0)])
        let (_, _, model) = try s.loadModel("mix")
        XCTAssertEqual(list.column("parameters")?[1], .integer(model.parameterCount))
        XCTAssertFalse(model.spec.covariates.isEmpty, "the adapter's covariates are read")
        XCTAssertEqual(model.spec.adapters, ["weight-allometric"])

        let show = try s.modelShow("mix")
        let fields = try XCTUnwrap(show.tables.first)
        XCTAssertEqual(fields.rows.first { $0[0] == .text("prior") }?[1], .text("two-compartment+metabolite"))
        XCTAssertEqual(fields.rows.first { $0[0] == .text("origin") }?[1], .text("model new"))
        XCTAssertEqual(fields.rows.first { $0[0] == .text("initial seed") }?[1], .text("1"))

        XCTAssertThrowsError(try s.modelNew(name: "m", prior: "one-compartment", decoder: "gaussian")) {
            XCTAssertEqual(($0 as? WorkbenchError)?.message, "model 'm' already exists")
        }
        XCTAssertThrowsError(try s.modelNew(name: "x", prior: "one-compartmnt", decoder: "gaussian")) {
            XCTAssertEqual(($0 as? WorkbenchError)?.hint, "did you mean 'one-compartment'?")
        }
        XCTAssertThrowsError(try s.modelNew(name: "x", prior: "default", decoder: "mixture:1"))
        XCTAssertThrowsError(try s.modelNew(name: "x", prior: "default", decoder: "gaussian", covariates: ["height"]))
        XCTAssertThrowsError(try s.modelNew(name: "x", prior: "default", decoder: "gaussian", size: "huge"))
        XCTAssertEqual(try s.modelNames(), ["m", "mix"])

        _ = try s.modelUse("mix")
        XCTAssertEqual(s.defaultModelName, "mix")
        _ = try s.modelDelete("mix")
        XCTAssertEqual(s.defaultModelName, "default")
        XCTAssertEqual(try s.modelNames(), ["m"])
        XCTAssertThrowsError(try s.modelDelete("mix"))
    }

    /// Cancelled after 3 of 6 steps (checkpoints every 2): the model keeps the step-3 checkpoint, the run is
    /// "interrupted"; a second `train` resumes to 6 and ends with exactly the weights of an uninterrupted run.
    func testInterruptedTrainingKeepsItsCheckpointAndResumesExactly() throws {
        let s = try session()
        try tiny(s, "a"); try tiny(s, "b")
        let initial = try weights(s, "a")
        let interrupted = try s.train("a", steps: 6, batch: 4, seed: 7, checkpointEvery: 2) { done, _, _ in
            if done == 3 { s.cancellation.cancel() }
        }
        XCTAssertTrue(interrupted.blocks.contains { if case .text(let t) = $0 { return t.hasPrefix("interrupted a at step 3 of 6") } else { return false } })
        let record = try s.requireModelRecord("a")
        let checkpoint = try s.checkpoint(of: record)
        XCTAssertEqual(checkpoint.state.step, 3)
        XCTAssertFalse(checkpoint.optimizer.isEmpty, "the optimiser state is stored for resuming")
        XCTAssertNotEqual(checkpoint.weights.map(\.tensor.scalars), initial)
        var runs = try s.workspace.runs.list(modelID: record.id)
        XCTAssertEqual(runs.map(\.status), ["interrupted"])
        XCTAssertEqual(runs.map(\.steps), [3])

        s.cancellation.reset()
        _ = try s.train("a", steps: 6)
        XCTAssertEqual(try s.checkpoint(of: s.requireModelRecord("a")).state.step, 6)
        runs = try s.workspace.runs.list(modelID: record.id)
        XCTAssertEqual(runs.map(\.status), ["interrupted", "done"])
        XCTAssertEqual(runs[1].command, "train a --steps 6 --batch 4 --seed 7 --lr 0.001")

        // A run left "running" by a process that died is marked "abandoned" by the next `train`.
        let stale = try s.workspace.runs.start(modelID: try s.requireModelRecord("b").id, kind: .pretrain, command: "train b", seed: 0)
        _ = try s.train("b", steps: 6, batch: 4, seed: 7, checkpointEvery: 2)
        XCTAssertEqual(try s.workspace.runs.load(id: stale.id)?.status, "abandoned")
        XCTAssertEqual(try weights(s, "a"), try weights(s, "b"), "resumed training continues exactly")
        XCTAssertThrowsError(try s.train("b", steps: 6)) {
            XCTAssertEqual(($0 as? WorkbenchError)?.message, "model 'b' is already trained for 6 steps (asked for 6 in total)")
        }
    }

    func testImportOfACorruptFileLeavesTheWorkspaceUnchanged() throws {
        let s = try session()
        try tiny(s)
        let file = tmp.url.appendingPathComponent("m.safetensors")
        _ = try s.modelExport("m", file: file.path)
        let data = try Data(contentsOf: file)
        let truncated = tmp.url.appendingPathComponent("truncated.safetensors")
        try data.prefix(data.count - 100).write(to: truncated)
        let garbage = tmp.url.appendingPathComponent("notes.safetensors")
        try Data("not a model".utf8).write(to: garbage)
        for bad in [truncated, garbage] {
            XCTAssertThrowsError(try s.modelImport(file: bad.path, name: "copy")) { error in
                let e = error as? WorkbenchError
                XCTAssertTrue(e?.message.hasPrefix("'\(bad.path)' is not a valid AICMET model file") ?? false, "\(error)")
                XCTAssertTrue(e?.hint?.hasSuffix("nothing was imported") ?? false)
            }
        }
        XCTAssertEqual(try s.modelNames(), ["m"])
        XCTAssertEqual(try s.workspace.runs.list().count, 0)

        _ = try s.modelImport(file: file.path, name: "copy")
        XCTAssertEqual(try weights(s, "copy"), try weights(s, "m"))
        XCTAssertEqual(try s.loadModel("copy").model.spec.name, "copy")
        XCTAssertThrowsError(try s.modelImport(file: file.path, name: "copy"))
    }

    func testForecastOnTheophyllinePrintsTheExactColumns() throws {
        let s = try session()
        _ = try s.studyImport(file: "workspace/datasets/theophylline.csv", name: "theo")
        try tiny(s, "default")
        let result = try s.forecast(study: "theo", subject: "1", given: 2, samples: 16)
        let t = try XCTUnwrap(result.tables.first)
        XCTAssertEqual(t.columns, ["time", "observed", "given", "mean", "median", "q05", "q95"])
        XCTAssertEqual(t.rows.count, 11, "every observation of subject 1: 1 pre-dose + 2 given + 8 forecast")
        XCTAssertEqual(t.column("given")?.filter { $0 == .integer(1) }.count, 3)
        let times = t.column("time")!.compactMap { if case .number(let x, _) = $0 { return x } else { return nil } }
        XCTAssertEqual(times, times.sorted())
        XCTAssertEqual(times.first, 0)
        for row in t.rows {
            guard case .number(let q05, _) = row[5], case .number(let median, _) = row[4], case .number(let q95, _) = row[6] else {
                return XCTFail("non-numeric quantiles")
            }
            XCTAssertTrue(q05 > 0 && q05 <= median && median <= q95, "\(row)")
        }
        let custom = try XCTUnwrap(s.forecast(study: "theo", subject: "1", given: 1, times: [1, 30], samples: 8, plot: true).tables.first)
        XCTAssertEqual(custom.column("time"), [.number(0), .number(0.25), .number(1), .number(30)])
        XCTAssertEqual(custom.column("observed")?.last, .empty)
        XCTAssertThrowsError(try s.forecast(study: "theo", subject: "99", given: 1))
        XCTAssertThrowsError(try s.forecast(study: "theo", subject: "1", given: 1, model: "nope"))
    }

    func testGenerateIsSeededAndSavesAStudy() throws {
        let s = try session()
        _ = try s.studyImport(file: "workspace/datasets/theophylline.csv", name: "theo")
        try tiny(s)
        let a = try XCTUnwrap(s.generate(study: "theo", count: 4, model: "m", seed: 5).tables.first)
        let b = try XCTUnwrap(s.generate(study: "theo", count: 4, model: "m", seed: 5, save: "virtual").tables.first)
        XCTAssertEqual(a, b)
        XCTAssertEqual(a.columns, ["subject", "time", "concentration"])
        XCTAssertEqual(Set(a.column("subject")!), [.text("V1"), .text("V2"), .text("V3"), .text("V4")])
        let c = try XCTUnwrap(s.generate(study: "theo", count: 4, model: "m", seed: 6).tables.first)
        XCTAssertNotEqual(a, c)
        let saved = try s.requireStudy("virtual")
        XCTAssertEqual(saved.subjects.count, 4)
        XCTAssertEqual(saved.subjects.map(\.observations.count).reduce(0, +), a.rows.count)
        XCTAssertTrue(saved.subjects.allSatisfy { !$0.doses.isEmpty && $0.observations.allSatisfy { $0.value > 0 } })
        XCTAssertThrowsError(try s.generate(study: "theo", count: 2, model: "m", save: "virtual"))
    }

    /// Virtual subjects draw z_i as the model's plan does at k = 0: N(0, I) when amortized, the study's
    /// (smoothed) population when combined — same weights, same seed, different draws.
    func testVirtualSubjectsFollowTheModelsInferencePlan() throws {
        let s = try session()
        _ = try s.studyImport(file: "workspace/datasets/theophylline.csv", name: "theo")
        let study = try s.requireStudy("theo")
        var spec = VariantSpec(name: "p", prior: "one-compartment", decoder: DecoderSpec(id: "gaussian"), size: .tiny)
        let amortized = try AICMETModel(spec: spec, adapters: [], seed: 4)
        spec.inference = InferencePlan([.combined], bandwidth: 0.5)
        let combined = try AICMETModel(spec: spec, adapters: [], seed: 4)
        let templates = Array(study.subjects.prefix(3)), times = templates.map { $0.observations.map(\.time) }
        func draw(_ model: AICMETModel, seed: UInt64) throws -> [[Double]] {
            var rng = SeededGenerator(seed: seed)
            return try Session.sampleVirtualSubjects(model: model, context: study.subjects, templates: templates, times: times, rng: &rng)
        }
        let a = try draw(combined, seed: 9), b = try draw(combined, seed: 9), c = try draw(amortized, seed: 9)
        XCTAssertEqual(a, b)
        XCTAssertNotEqual(a, c)
        XCTAssertEqual(a.map(\.count), times.map(\.count))
        XCTAssertTrue(a.joined().allSatisfy { $0.isFinite && $0 > 0 })
    }

    func testFinetuneSavesAChildWithItsReport() throws {
        let s = try session()
        _ = try s.studyImport(file: "workspace/datasets/theophylline.csv", name: "theo")
        try tiny(s)
        let result = try s.finetune("m", study: "theo", into: "m-theo", steps: 20, seed: 2)
        XCTAssertEqual(result.tables.first?.columns, ["step", "validation NLL"])
        let child = try s.requireModelRecord("m-theo")
        XCTAssertEqual(child.parentID, try s.requireModelRecord("m").id)
        let provenance = try XCTUnwrap(Session.ModelProvenance.decode(child.metrics))
        XCTAssertEqual(provenance.parent, "m")
        let report = try XCTUnwrap(provenance.finetune)
        XCTAssertEqual(report.validationSubjects.count, 3, "a quarter of 12 subjects held out")
        let runs = try s.workspace.runs.list(modelID: child.id)
        XCTAssertEqual(runs.map(\.kind), [.finetune])
        XCTAssertEqual(runs[0].lossCurve, report.validation.map(\.nll))
        XCTAssertNotEqual(try weights(s, "m-theo"), try weights(s, "m"))
        XCTAssertThrowsError(try s.finetune("m", study: "theo", into: "m-theo"))

        // Cancelled (Ctrl-C) after 5 steps: nothing is saved.
        XCTAssertThrowsError(try s.finetune("m", study: "theo", into: "m-cancelled", steps: 40, seed: 2) { done, _, _ in
            if done == 5 { s.cancellation.cancel() }
        }) { XCTAssertTrue(($0 as? WorkbenchError)?.message.hasSuffix("was cancelled at step 5; nothing was saved") ?? false, "\($0)") }
        s.cancellation.reset()
        XCTAssertEqual(try s.modelNames(), ["m", "m-theo"])
        XCTAssertEqual(try s.workspace.runs.list().count, 1)
    }

    /// A model carrying spreads measured on synthetic studies (aicmet-train measure-spread) shows one row per plan.
    func testModelShowListsTheSyntheticSpreadOfEachPlan() throws {
        let s = try session()
        try tiny(s)
        let file = tmp.url.appendingPathComponent("m.safetensors")
        _ = try s.modelExport("m", file: file.path)
        var checkpoint = try Checkpoint.read(from: file)
        checkpoint.spec.syntheticSpread = [
            "combined@0.5": SyntheticSpread(dense: HeldOutSpread(scales: [1.1, 0.8], subjects: 20, points: [90, 70]),
                                            sparse: HeldOutSpread(scales: [1.0], subjects: 10, points: [30])),
            "amortized": SyntheticSpread(dense: HeldOutSpread(scales: [0.9], subjects: 20, points: [90]), sparse: nil)]
        try checkpoint.write(to: file)
        _ = try s.modelImport(file: file.path, name: "spread")
        let fields = try XCTUnwrap(s.modelShow("spread").tables.first)
        XCTAssertEqual(fields.rows.filter { $0[0] == .text("synthetic spread") }.map { $0[1] },
                       [.text("amortized: × 0.90 at k = 0…0 (20 held-out subjects, 90 points) (every design)"),
                        .text("combined@0.5: × 1.10, 0.80 at k = 0…1 (20 held-out subjects, 160 points); sparse studies × 1.00 at k = 0…0 (10 held-out subjects, 30 points)")])
        XCTAssertTrue(try XCTUnwrap(s.modelShow("m").tables.first).rows.allSatisfy { $0[0] != .text("synthetic spread") })
    }

    func testPretrainedModelIsImportedIntoANewWorkspace() throws {
        let maker = try session("maker.sqlite")
        try tiny(maker, "shipped")
        _ = try maker.train("shipped", steps: 4, batch: 2, seed: 9)
        let folder = tmp.url.appendingPathComponent("models/default")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        _ = try maker.modelExport("shipped", file: folder.appendingPathComponent("model.safetensors").path)
        let state = try maker.checkpoint(of: maker.requireModelRecord("shipped")).state
        var record = PretrainedModel.TrainingRecord(command: "aicmet-train --steps 4 --seed 9", seed: 9,
                                                    config: TrainingConfig(steps: 4), state: state)
        try JSONEncoder().encode(record).write(to: folder.appendingPathComponent("training.json"))

        let s = try session(initialisers: [PretrainedModel.initialiser])
        XCTAssertEqual(try s.modelNames(), ["default"])
        let runs = try s.workspace.runs.list()
        XCTAssertEqual(runs.map(\.command), ["aicmet-train --steps 4 --seed 9"])
        XCTAssertEqual(runs.map(\.steps), [4])
        XCTAssertEqual(Session.ModelProvenance.decode(try s.requireModelRecord("default").metrics)?.pretrained?.seed, 9)
        XCTAssertEqual(try weights(s, "default"), try weights(maker, "shipped"))

        // `model import` of the same file attaches the record too; a record of another step count is not attached.
        _ = try s.modelImport(file: folder.appendingPathComponent("model.safetensors").path, name: "again")
        XCTAssertEqual(try s.workspace.runs.list(modelID: s.requireModelRecord("again").id).map(\.steps), [4])
        record.state.step = 40
        try JSONEncoder().encode(record).write(to: folder.appendingPathComponent("training.json"))
        _ = try s.modelImport(file: folder.appendingPathComponent("model.safetensors").path, name: "other")
        XCTAssertEqual(try s.workspace.runs.list(modelID: s.requireModelRecord("other").id).count, 0)
        XCTAssertNil(Session.ModelProvenance.decode(try s.requireModelRecord("other").metrics)?.pretrained)

        try FileManager.default.removeItem(at: folder.appendingPathComponent("model.safetensors"))
        let empty = try session("empty.sqlite", initialisers: [PretrainedModel.initialiser])
        XCTAssertEqual(try empty.modelNames(), [])
        XCTAssertTrue(empty.settings[PretrainedModel.noteKey]?.hasPrefix("no pretrained model at ") ?? false)
    }

    /// An ensemble joined in the REPL keeps its members' summed steps; shipped with one training record per
    /// member (training.json holding a list), each becomes a pretraining run, and `model show` lists them.
    func testJoinedEnsembleKeepsItsMembersTrainingRecords() throws {
        let maker = try session("maker.sqlite")
        try tiny(maker, "a")
        _ = try maker.modelNew(name: "b", prior: "one-compartment", decoder: "gaussian", size: "tiny", seed: 2)
        _ = try maker.train("a", steps: 3, batch: 2, seed: 9)
        _ = try maker.train("b", steps: 2, batch: 2, seed: 8)
        let before = try weights(maker, "a")
        _ = try maker.modelJoin(name: "ab", members: ["a", "b"])
        XCTAssertEqual(try maker.checkpoint(of: maker.requireModelRecord("ab")).state.step, 5)
        XCTAssertEqual(try weights(maker, "a"), before, "members unchanged")
        XCTAssertEqual(try weights(maker, "ab").count, 2 * before.count)

        let folder = tmp.url.appendingPathComponent("models/default")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        _ = try maker.modelExport("ab", file: folder.appendingPathComponent("model.safetensors").path)
        let records = try ["a", "b"].map { name in
            PretrainedModel.TrainingRecord(command: "aicmet-train pretrain --name \(name)", seed: 1, config: TrainingConfig(steps: 3),
                                           state: try maker.checkpoint(of: maker.requireModelRecord(name)).state)
        }
        try JSONEncoder().encode(records).write(to: folder.appendingPathComponent("training.json"))
        let s = try session(initialisers: [PretrainedModel.initialiser])
        XCTAssertEqual(try s.workspace.runs.list().map(\.steps).sorted(), [2, 3])
        let shown = try s.modelShow("default").blocks.compactMap { block -> String? in if case .text(let t) = block { return t }; return nil }
        XCTAssertEqual(shown.filter { $0.contains("pretrained with") }.count, 2)
        XCTAssertTrue(shown.contains { $0.hasPrefix("member 2 pretrained with: aicmet-train pretrain --name b") }, "\(shown)")

        // Records that do not add up to the ensemble's steps are not attached.
        try JSONEncoder().encode([records[0]]).write(to: folder.appendingPathComponent("training.json"))
        _ = try s.modelImport(file: folder.appendingPathComponent("model.safetensors").path, name: "partial")
        XCTAssertEqual(try s.workspace.runs.list(modelID: s.requireModelRecord("partial").id).count, 0)
    }

    /// The model never sees the hidden observations: changing them changes only the `observed` column.
    func testForecastDoesNotSeeHiddenObservations() throws {
        let s = try session()
        _ = try s.studyImport(file: "workspace/datasets/theophylline.csv", name: "theo")
        try tiny(s)
        var study = try s.requireStudy("theo")
        let index = study.subjects.firstIndex { $0.id == "1" }!
        study.subjects[index].observations = study.subjects[index].observations.map { obs in
            var o = obs
            if o.time > 1 { o.value *= 3 }   // subject 1's points after the first three post-dose samples
            o.row = nil
            return o
        }
        study.subjects = study.subjects.map { subject in
            var copy = subject
            copy.doses = copy.doses.map { var d = $0; d.row = nil; return d }
            return copy
        }
        study.name = "theo-changed"
        _ = try s.workspace.studies.save(study)
        let original = try XCTUnwrap(s.forecast(study: "theo", subject: "1", given: 2, model: "m", samples: 8).tables.first)
        let changed = try XCTUnwrap(s.forecast(study: "theo-changed", subject: "1", given: 2, model: "m", samples: 8).tables.first)
        for column in ["time", "given", "mean", "median", "q05", "q95"] {
            XCTAssertEqual(original.column(column), changed.column(column), column)
        }
        XCTAssertNotEqual(original.column("observed"), changed.column("observed"))
        let three = try XCTUnwrap(s.forecast(study: "theo-changed", subject: "1", given: 3, model: "m", samples: 8).tables.first)
        XCTAssertNotEqual(three.column("median")?.last, changed.column("median")?.last, "a third given point is seen")
    }

    /// Draws of `Session.sample` have the mixture's mean and variance (20 000 draws, 4 standard errors).
    func testMixtureSamplingMatchesItsMoments() {
        let mixture = GaussianMixture(weights: [0.2, 0.5, 0.3], means: [-2, 0, 3], sds: [0.5, 1, 2])
        let mean = mixture.mean
        let variance = zip(zip(mixture.weights, mixture.means), mixture.sds).reduce(0) { $0 + $1.0.0 * ($1.1 * $1.1 + $1.0.1 * $1.0.1) } - mean * mean
        var rng = SeededGenerator(seed: 11)
        let n = 20_000
        let draws = (0..<n).map { _ in Session.sample(mixture, rng: &rng) }
        let m = draws.reduce(0, +) / Double(n)
        let v = draws.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(n - 1)
        XCTAssertEqual(m, mean, accuracy: 4 * (variance / Double(n)).squareRoot())
        XCTAssertEqual(v, variance, accuracy: 0.05 * variance)
        XCTAssertEqual(Double(draws.filter { $0 > 1.5 }.count) / Double(n), 1 - mixture.cdf(1.5), accuracy: 0.015)
    }

    /// A study outside the prior's support (two infusions per subject; the one-compartment prior simulates one
    /// bolus or oral dose) is forecast with warnings as notes.
    func testForecastWarnsOutsideThePriorsSupport() throws {
        let s = try session()
        try tiny(s)
        let subjects = (1...4).map { i in
            Subject(id: "S\(i)", doses: [Dose(time: 0, amount: 100, route: .iv, duration: 1), Dose(time: 12, amount: 100, route: .iv, duration: 1)],
                    observations: [1, 2, 4, 8, 13, 16].map { Observation(time: $0, value: 10 / Double(i) * exp(-0.1 * $0)) })
        }
        _ = try s.workspace.studies.save(Study(name: "infusions", subjects: subjects))
        let result = try s.forecast(study: "infusions", subject: "S2", given: 1, model: "m", samples: 4)
        let notes = result.blocks.compactMap { if case .note(let n) = $0 { return n } else { return nil } }
        XCTAssertTrue(notes.contains("warning: subject S2 has 2 doses; the prior simulated at most 1"), "\(notes)")
        XCTAssertTrue(notes.contains("warning: subject S2 has infusions; the prior simulated none"), "\(notes)")
        XCTAssertEqual(result.tables.first?.rows.count, 6)
    }

    /// `output: 1` forecasts the metabolite of a simulated parent + metabolite study: K counts metabolite
    /// points; parent points after the last given time stay hidden (changing them changes nothing).
    func testForecastOfTheMetaboliteOutput() throws {
        let s = try session()
        _ = try s.modelNew(name: "met", prior: "metabolite", decoder: "gaussian", size: "tiny", seed: 1)
        var rng = SeededGenerator(seed: 4)
        var study = try XCTUnwrap(BuiltinPriors.prior("metabolite")).sampleStudy(subjects: 6, rng: &rng)
        study.name = "met-study"
        let target = study.subjects[0]
        let metabolite = target.observations.filter { $0.output == 1 }
        XCTAssertGreaterThan(metabolite.count, 3)
        _ = try s.workspace.studies.save(study)
        let t = try XCTUnwrap(s.forecast(study: "met-study", subject: target.id, given: 2, model: "met", samples: 8, output: 1).tables.first)
        XCTAssertEqual(t.rows.count, metabolite.count)
        XCTAssertEqual(t.column("observed"), metabolite.sorted { $0.time < $1.time }.map { .number($0.value) })

        let cutoff = GivenSplit(metabolite, firstDose: target.firstDoseTime, given: 2).given.last!.time
        study.name = "met-changed"
        study.subjects[0].observations = target.observations.map { o in
            var o = o
            if o.output == 0 && o.time > cutoff { o.value *= 5 }
            return o
        }
        _ = try s.workspace.studies.save(study)
        let changed = try XCTUnwrap(s.forecast(study: "met-changed", subject: target.id, given: 2, model: "met", samples: 8, output: 1).tables.first)
        XCTAssertEqual(changed.column("median"), t.column("median"))
        XCTAssertThrowsError(try s.forecast(study: "met-study", subject: target.id, given: 2, model: "met", output: 2))
    }
}
