import PKData
import Tensor

/// One training study with the subjects chosen as targets and, for each, the number k of given
/// post-dose observations (aicmet-model.md §3).
public struct TrainingExample {
    public var study: Study
    public var targets: [(subject: Int, given: Int)]
    public init(study: Study, targets: [(subject: Int, given: Int)]) { self.study = study; self.targets = targets }
}

/// Padded, masked tensors for a set of training examples.
///
/// Shapes (S sequences, L = longest sequence, R targets, N = most subjects in a study, Q = most target points):
///   tokens [S, L, tokenWidth], lengths [S]
///   contextIndex: R·N indices into S (the subjects of the target's study, padded with 0), contextMask [R, N]
///     (1 = a context subject: same study, not the target, not padding)
///   fullIndex [R] (the target's full sequence), prefixIndex [R] (its given prefix), prefixEmpty [R]
///   queries [R, Q, queryWidth] (for the latent of the full target), forecastQueries [R, Q, queryWidth] (for the
///     latent of its given prefix; the same tensor unless `FeatureLayout.relativeQueryTime`),
///   logTargets [R, Q], allMask [R, Q] (every usable target point),
///   futureMask [R, Q] (the hidden points), covariates [R, covariateWidth]
public struct TrainingBatch {
    public var tokens: Tensor
    public var lengths: [Int]
    public var contextIndex: [Int]
    public var contextMask: Tensor
    public var subjectsPerStudy: Int
    public var fullIndex: [Int]
    public var prefixIndex: [Int]
    public var prefixEmpty: [Bool]
    public var queries: Tensor
    public var forecastQueries: Tensor
    public var logTargets: Tensor
    public var allMask: Tensor
    public var futureMask: Tensor
    public var covariates: Tensor
    public var targetCount: Int { fullIndex.count }

    public init(examples: [TrainingExample], layout: FeatureLayout) throws {
        let width = layout.tokenWidth
        var sequences: [[Float]] = []       // token rows of each sequence
        var seqLengths: [Int] = []
        var studyMembers: [[Int]] = []       // per target: sequence indices of its study's subjects
        var targetSubjectSlot: [Int] = []    // per target: which member is the target
        var full: [Int] = [], prefix: [Int] = [], empty: [Bool] = []
        var queryRows: [[Float]] = [], forecastRows: [[Float]] = [], logRows: [[Float]] = [], futureRows: [[Float]] = []
        var covariateRows: [Float] = []
        for example in examples {
            let subjects = example.study.subjects
            let targetSet = Set(example.targets.map(\.subject))
            let shared = subjects.indices.filter { !targetSet.contains($0) }.map { subjects[$0] }
            let scaling = try StudyScaling.from(context: shared, fallback: subjects)
            let base = sequences.count
            var usable: [[Observation]] = []
            for subject in subjects {
                let obs = layout.usableObservations(subject)
                usable.append(obs)
                sequences.append(layout.tokens(for: obs, of: subject, scaling: scaling))
                seqLengths.append(obs.count)
            }
            for (slot, k) in example.targets {
                let subject = subjects[slot]
                let split = GivenSplit(usable[slot], firstDose: subject.firstDoseTime, given: k)
                sequences.append(layout.tokens(for: split.given, of: subject, scaling: scaling))
                seqLengths.append(split.given.count)
                prefix.append(sequences.count - 1)
                empty.append(split.given.isEmpty)
                full.append(base + slot)
                studyMembers.append(Array(base..<(base + subjects.count)))
                targetSubjectSlot.append(slot)
                let hiddenTimes = Set(split.hidden.map { ObjectIdentifierKey($0) })
                var q: [Float] = [], fq: [Float] = [], l: [Float] = [], f: [Float] = []
                for obs in usable[slot] {
                    q.append(contentsOf: layout.queries(at: [obs.time], output: obs.output, doses: subject.doses, scaling: scaling,
                                                        lastGiven: usable[slot].last?.time))
                    if layout.relativeQueryTime {
                        fq.append(contentsOf: layout.queries(at: [obs.time], output: obs.output, doses: subject.doses, scaling: scaling,
                                                             lastGiven: split.given.last?.time))
                    }
                    l.append(Float(scaling.logConcentration(obs.value)))
                    f.append(hiddenTimes.contains(ObjectIdentifierKey(obs)) ? 1 : 0)
                }
                queryRows.append(q); forecastRows.append(fq); logRows.append(l); futureRows.append(f)
                covariateRows.append(contentsOf: layout.covariateFeatures(subject))
            }
        }
        let s = sequences.count
        let maxLength = max(1, seqLengths.max() ?? 1)
        var tokenData = [Float](repeating: 0, count: s * maxLength * width)
        for (i, rows) in sequences.enumerated() {
            tokenData.replaceSubrange((i * maxLength * width)..<(i * maxLength * width + rows.count), with: rows)
        }
        tokens = Tensor(shape: [s, maxLength, width], scalars: tokenData)
        lengths = seqLengths

        let r = full.count
        let n = max(1, studyMembers.map(\.count).max() ?? 1)
        subjectsPerStudy = n
        var index = [Int](repeating: 0, count: r * n)
        var mask = [Float](repeating: 0, count: r * n)
        for t in 0..<r {
            for (j, member) in studyMembers[t].enumerated() {
                index[t * n + j] = member
                mask[t * n + j] = j == targetSubjectSlot[t] ? 0 : 1
            }
        }
        contextIndex = index
        contextMask = Tensor(shape: [r, n], scalars: mask)
        fullIndex = full; prefixIndex = prefix; prefixEmpty = empty

        let qw = layout.queryWidth
        let q = max(1, logRows.map(\.count).max() ?? 1)
        func padded(_ rows: [[Float]]) -> Tensor {
            var data = [Float](repeating: 0, count: r * q * qw)
            for t in 0..<r { data.replaceSubrange((t * q * qw)..<(t * q * qw + rows[t].count), with: rows[t]) }
            return Tensor(shape: [r, q, qw], scalars: data)
        }
        var logData = [Float](repeating: 0, count: r * q)
        var allData = [Float](repeating: 0, count: r * q)
        var futureData = [Float](repeating: 0, count: r * q)
        for t in 0..<r {
            for j in 0..<logRows[t].count {
                logData[t * q + j] = logRows[t][j]
                allData[t * q + j] = 1
                futureData[t * q + j] = futureRows[t][j]
            }
        }
        queries = padded(queryRows)
        forecastQueries = layout.relativeQueryTime ? padded(forecastRows) : queries
        logTargets = Tensor(shape: [r, q], scalars: logData)
        allMask = Tensor(shape: [r, q], scalars: allData)
        futureMask = Tensor(shape: [r, q], scalars: futureData)
        covariates = Tensor(shape: [r, layout.covariateWidth], scalars: covariateRows)
    }
}

/// Identity of an observation within one subject (time, output, value), for set membership.
private struct ObjectIdentifierKey: Hashable {
    let time: Double, output: Int, value: Double
    init(_ o: Observation) { time = o.time; output = o.output; value = o.value }
}
