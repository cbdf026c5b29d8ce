import Foundation
import PKData

extension StructuralPrior {
    /// One individual of a study draw; nil when a concentration is rejected.
    func sampleSubject(id: String, draw: StudyDraw, rng: inout SeededGenerator) -> Subject? {
        let c = config
        var covariates: [String: Double] = [:]
        if draw.withCovariates {
            for a in adapters { covariates.merge(a.sampleCovariates(rng: &rng)) { _, new in new } }
        }
        var par = draw.typical
        var x = par.logParameters
        var eta = [Double](repeating: 0, count: x.count + 1)
        rng.fillNormals(&eta)
        for k in x.indices { x[k] += draw.bsv[k] * eta[k] }
        par.setLogParameters(x)
        if draw.withCovariates { for a in adapters { a.applyEffects(to: &par, covariates: covariates) } }
        if draw.lag > 0 && (draw.laggedSubjects >= 1 || rng.bernoulli(draw.laggedSubjects)) {
            par.lag = draw.lag * exp(draw.lagBSV * rng.normal())
        }
        if draw.absorptionDuration > 0 {
            par.absorptionDuration = draw.absorptionDuration * exp(draw.absorptionDurationBSV * rng.normal())
        }

        let amount = exp(draw.logDoseMean + draw.logDoseSD * eta[x.count])
        let doses = DosingRegimen(amount: amount, route: draw.route, count: draw.doseCount, interval: draw.interval,
                                  loadingDose: draw.loadingFactor == 1 ? nil : amount * draw.loadingFactor,
                                  duration: draw.infusionDuration).doses
        let times = sampleTimes(draw: draw, rng: &rng)
        let actual = draw.timeJitterSD > 0 ? Self.jittered(times, doseTimes: doses.map(\.time), sd: draw.timeJitterSD, rng: &rng) : times
        let path = draw.ou.parameterPath(base: par, times: actual, rng: &rng)
        var inputs = InputEvent.events(for: doses, parameters: par)
        if draw.carryOver > 0 {
            inputs.insert(InputEvent(time: -1e-6, target: .central, kind: .bolus(draw.carryOver * doses[0].amount)), at: 0)
        }
        let conc = config.engine == "rk45"
            ? RK45Simulator.concentrations(path: path, inputs: inputs, times: actual, integrator: RK45(rtol: 1e-6, atol: 1e-14))
            : Simulator.concentrations(path: path, inputs: inputs, times: actual)

        var observations: [Observation] = []
        observations.reserveCapacity(times.count * conc.count)
        var eps = [Double](repeating: 0, count: times.count * conc.count)
        rng.fillNormals(&eps)
        let kind = draw.combinedError ? NoiseKind.combined : c.noise
        let censorsNonPositive = kind == .additive || kind == .combined   // an additive error can read ≤ 0: not reported
        for (output, values) in conc.enumerated() {
            var noise: NoiseModel
            switch kind {
            case .proportional: noise = .proportional(sd: draw.noiseSD)
            case .lognormal: noise = .logNormal(sd: draw.noiseSD)
            case .additive, .combined:
                let add = draw.additiveFraction * (values.max() ?? 0)
                noise = kind == .additive ? .additive(sd: add) : .combined(proportional: draw.noiseSD, additive: add)
            }
            var reported = 0
            for (k, t) in times.enumerated() {
                let y = noise.apply(values[k], epsilon: eps[output * times.count + k])
                guard y.isFinite, y < c.maxConcentration else { return nil }
                if y <= 0 && censorsNonPositive { continue }
                guard y >= 0 else { return nil }
                observations.append(Observation(time: t, value: y, output: output))
                reported += 1
            }
            if reported == 0 { return nil }
        }
        if draw.preDoseSample { addPreDoseResidue(to: &observations, draw: draw, rng: &rng) }
        if conc.count > 1 {
            observations = observations.enumerated()
                .sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }.map(\.element)
        }
        return Subject(id: id, doses: doses, observations: observations, covariates: covariates)
    }

    /// The times samples recorded at `times` were actually taken: t + sd·ε, within [t − Δ/2, t + Δ/2] for Δ
    /// the time since the last dose at or before t, and not past the next dose; a sample at a dose time
    /// (Δ = 0) or before the first dose stays where it is. One normal draw per time.
    static func jittered(_ times: [Double], doseTimes: [Double], sd: Double, rng: inout SeededGenerator) -> [Double] {
        var eps = [Double](repeating: 0, count: times.count)
        rng.fillNormals(&eps)
        return times.enumerated().map { k, t in
            guard let last = doseTimes.last(where: { $0 <= t }), t > last else { return t }
            let half = (t - last) / 2
            let next = doseTimes.first { $0 > t } ?? .infinity
            return min(max(t + sd * eps[k], t - half), t + half, next)
        }
    }

    /// Adds a spurious residue (a log-uniform fraction of the subject's parent peak) to its parent sample at the
    /// first dose time with probability `draw.residueSubjects` (one draw per subject, one more for a residue).
    func addPreDoseResidue(to observations: inout [Observation], draw: StudyDraw, rng: inout SeededGenerator) {
        guard rng.bernoulli(draw.residueSubjects),
              let i = observations.firstIndex(where: { $0.time == 0 && $0.output == 0 }) else { return }
        let peak = observations.lazy.filter { $0.output == 0 }.map(\.value).max() ?? 0
        observations[i].value += rng.logUniform(config.preDoseResidueFraction) * peak
    }

    /// Sorted, distinct sampling times of one subject: the (canonical or randomised) grid after the profiled
    /// dose (the last one of a regimen, or with probability 0.3 the first, within its interval, or with
    /// probability `firstAndLastDoseProbability` both), trough samples before later doses, a pre-dose sample
    /// with carry-over or a pre-dose design; a sparse subset in sparse studies; at most `maxSamples` and at
    /// least one.
    func sampleTimes(draw: StudyDraw, rng: inout SeededGenerator) -> [Double] {
        let c = config
        let doseTimes = draw.doseTimes
        let grid = draw.randomised ? draw.design.randomised(rng: &rng) : draw.design.canonical()
        var times: [Double] = []
        times.reserveCapacity(grid.count + doseTimes.count + 1)
        if doseTimes.count > 1 {
            let both = c.firstAndLastDoseProbability > 0 && rng.bernoulli(c.firstAndLastDoseProbability)
            let profileFirst = both || rng.bernoulli(0.3), profileLast = both || !profileFirst
            if profileFirst { times += grid.filter { $0 < draw.interval } }
            if profileLast { for g in grid { times.append(doseTimes[doseTimes.count - 1] + g) } }
            for t in doseTimes.dropFirst() where rng.bernoulli(c.troughProbability) { times.append(t) }
        } else {
            times = grid
        }
        if draw.carryOver > 0 || draw.preDoseSample { times.append(0) }
        times.sort()
        var unique: [Double] = []
        unique.reserveCapacity(times.count)
        for t in times where unique.last.map({ t > $0 }) ?? true { unique.append(t) }
        if draw.sparse { unique = SamplingDesign.subsample(unique, count: rng.integer(1, max(1, c.sparseMaxSamples)), rng: &rng) }
        if unique.count > c.maxSamples { unique = SamplingDesign.subsample(unique, count: c.maxSamples, rng: &rng) }
        if unique.isEmpty { unique = [min(draw.design.tPeak, draw.horizon)] }
        return unique
    }
}
