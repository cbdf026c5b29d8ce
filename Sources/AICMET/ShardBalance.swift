/// Regroups one training step's examples into data-parallel shards of fixed sizes whose work is about equal,
/// so neither core waits long for the other. The step's objective does not change: every example lands in
/// exactly one shard, and with equal study counts per shard (and the same targets per study) each shard's
/// mean over its targets has the same weight as before.
public enum ShardBalance {
    /// Work of one example in observation-sized units: the encoder reads every subject's observations (and
    /// each target's given prefix again), the decoder each target's points twice (reconstruction and forecast),
    /// at about 1.5 times an encoder step's cost per point.
    public static func cost(_ example: TrainingExample) -> Double {
        let counts = example.study.subjects.map { Double($0.observations.count) }
        let targets = example.targets.reduce(0.0) { $0 + counts[$1.subject] * 1.5 + Double($1.given) }
        return counts.reduce(0, +) + targets
    }

    /// Shards of `sizes` examples each (sizes sum to `examples.count`): examples by decreasing cost (ties in
    /// input order), each to the shard with the least cost so far among those with room. Deterministic;
    /// within a shard examples keep their input order.
    public static func shards(_ examples: [TrainingExample], sizes: [Int]) -> [[TrainingExample]] {
        precondition(sizes.reduce(0, +) == examples.count, "ShardBalance: sizes \(sizes) do not add up to \(examples.count) examples")
        let costs = examples.map(cost)
        let order = examples.indices.sorted { costs[$0] > costs[$1] || (costs[$0] == costs[$1] && $0 < $1) }
        var members = [[Int]](repeating: [], count: sizes.count)
        var load = [Double](repeating: 0, count: sizes.count)
        for i in order {
            let shard = sizes.indices.filter { members[$0].count < sizes[$0] }.min { load[$0] < load[$1] || (load[$0] == load[$1] && $0 < $1) }!
            members[shard].append(i)
            load[shard] += costs[i]
        }
        return members.map { $0.sorted().map { examples[$0] } }
    }
}
