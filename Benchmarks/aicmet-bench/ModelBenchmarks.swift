import AICMET
import Foundation
import PKData
import NLME
import PKSim

/// Forecast latency of the shipped default model (`workspace/models/default/model.safetensors`, or the model
/// file or folder `$AICMET_BENCH_MODEL` names; an untrained `small` network when it is absent): one subject
/// of a 12-subject study (11 context subjects, 4 given observations, 8 forecast times, 128 latent samples),
/// one thread, with and without in-study calibration, and with the trust in the given points selected
/// in-study. Bar: < 50 ms. Then the whole Theoph protocol (k = 0…4) for AICMET and for the NLME baseline,
/// and their ratio.
func runModelBenchmarks() {
    print("\n## AICMET forecast latency (one core)")
    let model: AICMETModel
    do { model = try benchmarkModel() } catch { print("model construction failed: \(error)"); return }
    print("model: \(model.spec.name), \(model.parameterCount) parameters"
          + (model.spec.ensemble.map { " (ensemble of \($0) networks)" } ?? ""))
    let times: [Double] = [0.25, 0.5, 1, 2, 3.5, 5, 7, 9, 12, 24, 0.1]
    let subjects = (0..<12).map { i in
        Subject(id: "\(i)", doses: [Dose(time: 0, amount: 320, route: .oral)],
                observations: times.sorted().map { t in Observation(time: t, value: 8 * (exp(-0.08 * t) - exp(-1.5 * t)) * (1 + 0.01 * Double(i))) })
    }
    var target = subjects[0]
    target.observations = Array(target.observations.prefix(4))
    let request = ForecastRequest(context: Array(subjects.dropFirst()), target: target, queryTimes: [3.5, 5, 7, 9, 12, 24, 30, 36])
    // The model's own plan, the same plan with in-study calibration toggled (calibration adds one
    // forecast with `InStudyCalibration.samples` latent samples per context subject), and with `+selected`
    // (one such forecast per candidate trust, `TrustSelection.weights`).
    var toggled = model.spec.inferencePlan, selecting = model.spec.inferencePlan
    toggled.calibrated.toggle()
    selecting.selected = true
    let forecasters = [model.spec.inferencePlan, toggled, selecting].map { AICMETForecaster(name: "bench", model: model, plan: $0) }
    for forecaster in forecasters {
        var samples: [Double] = []
        for i in 0..<30 {
            let start = DispatchTime.now().uptimeNanoseconds
            _ = try? forecaster.forecast(request)
            if i >= 5 { samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6) }
        }
        samples.sort()
        print(String(format: "one forecast, plan %@: median %.2f ms (p10 %.2f, p90 %.2f) — bar < 50 ms", forecaster.plan.description,
                     samples[samples.count / 2], samples[samples.count / 10], samples[samples.count * 9 / 10]))
    }
    let protocolStart = DispatchTime.now().uptimeNanoseconds
    for target in 0..<12 {
        for k in 0...4 {
            var t = subjects[target]
            t.observations = Array(t.observations.prefix(k))
            let rest = subjects.enumerated().filter { $0.offset != target }.map(\.element)
            _ = try? forecasters[0].forecast(ForecastRequest(context: rest, target: t, queryTimes: Array(times.sorted().dropFirst(k))))
        }
    }
    print(String(format: "leave-one-out protocol, plan %@, 12 subjects × k = 0…4 (60 forecasts): %.3f s", forecasters[0].plan.description,
                 Double(DispatchTime.now().uptimeNanoseconds - protocolStart) / 1e9))

    print("\n## Theoph protocol (k = 0…4, 12 targets): AICMET vs NLME, same run")
    do {
        let nlme = try evaluationProtocolSeconds(NLMEForecaster())
        for forecaster in forecasters {
            let aicmet = try evaluationProtocolSeconds(forecaster)
            print(String(format: "AICMET (%@) %.3f s, NLME %.2f s: NLME / AICMET = %.1f×", forecaster.plan.description, aicmet, nlme, nlme / aicmet))
        }
    } catch {
        print("protocol benchmark skipped: \(error)")
    }
}

/// The shipped default model (or `$AICMET_BENCH_MODEL`), or an untrained `small` network when its weights
/// are not there.
func benchmarkModel() throws -> AICMETModel {
    let path = ProcessInfo.processInfo.environment["AICMET_BENCH_MODEL"] ?? "workspace/models/default/model.safetensors"
    let url = URL(fileURLWithPath: path)
    if FileManager.default.fileExists(atPath: url.path) {
        let checkpoint = try Checkpoint.read(from: url)
        let adapters = BuiltinPriors.adapters.filter { checkpoint.spec.adapters.contains($0.id) }
        return try checkpoint.makeModel(adapters: adapters)
    }
    print("(no \(path): timing an untrained small network)")
    let spec = VariantSpec(name: "untrained-small", prior: "default", decoder: DecoderSpec(id: "gaussian"), size: .small, outputs: 2)
    return try AICMETModel(spec: spec, adapters: [], seed: 1)
}
