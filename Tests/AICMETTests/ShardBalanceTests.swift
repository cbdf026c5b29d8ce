import PKData
import XCTest
@testable import AICMET

/// `ShardBalance`: every example in exactly one shard of the requested size, the shards' costs within one
/// example's cost of each other, input order kept within a shard, and the same grouping every time.
final class ShardBalanceTests: XCTestCase {
    func testShardsKeepSizesAndExamplesAndBalanceTheirCost() {
        let data = PriorDataSource(prior: TestOneCompartmentPrior(), subjects: 4...12)
        for seed in UInt64(1)...20 {
            var rng = SeededGenerator(seed: seed)
            let examples = data.examples(count: 2 * Int(seed % 7) + 3, rng: &rng)
            // Tag each example by its position through its study's name.
            let tagged = examples.enumerated().map { i, e -> TrainingExample in
                var e = e
                e.study.name = "\(i)"
                return e
            }
            let sizes = [(tagged.count + 1) / 2, tagged.count / 2]
            let shards = ShardBalance.shards(tagged, sizes: sizes)
            XCTAssertEqual(shards.map(\.count), sizes)
            let positions = shards.map { $0.map { Int($0.study.name)! } }
            XCTAssertEqual(positions.flatMap { $0 }.sorted(), Array(tagged.indices), "every example exactly once")
            for p in positions { XCTAssertEqual(p, p.sorted(), "input order within a shard") }
            let costs = shards.map { $0.map(ShardBalance.cost).reduce(0, +) }
            let largest = tagged.map(ShardBalance.cost).max()!
            XCTAssertLessThanOrEqual(abs(costs[0] - costs[1]), largest, "seed \(seed): shard costs \(costs)")
            XCTAssertEqual(ShardBalance.shards(tagged, sizes: sizes).map { $0.map(\.study.name) }, positions.map { $0.map(String.init) })
        }
    }
}
