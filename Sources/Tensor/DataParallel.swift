import Dispatch

/// Runs `body(shard)` for shard in 0..<shards concurrently (one thread each via
/// `DispatchQueue.concurrentPerform`) and returns the results in shard order. Each shard should record on
/// its own `Tape`; parameters may be shared read-only. While shards > 1, OpenBLAS runs single-threaded
/// per call (restored afterwards; single-threaded is also the engine's default, see `BLAS.threads`), so
/// the two levels of threading do not oversubscribe the cores. Plain `DispatchQueue.concurrentPerform`
/// works as well under that default.
public func dataParallel<T>(_ shards: Int, _ body: (Int) -> T) -> [T] {
    precondition(shards >= 1, "dataParallel: needs at least one shard")
    if shards == 1 { return [body(0)] }
    let previousThreads = BLAS.threads
    BLAS.threads = 1
    defer { BLAS.threads = previousThreads }
    let results = UnsafeMutablePointer<T?>.allocate(capacity: shards)
    results.initialize(repeating: nil, count: shards)
    defer {
        results.deinitialize(count: shards)
        results.deallocate()
    }
    DispatchQueue.concurrentPerform(iterations: shards) { i in
        results[i] = body(i)
    }
    return (0..<shards).map { results[$0]! }
}

/// Splits 0..<count into `shards` contiguous ranges of near-equal size (earlier ranges one larger).
public func shardRanges(count: Int, shards: Int) -> [Range<Int>] {
    let base = count / shards, extra = count % shards
    var start = 0
    return (0..<shards).map { i in
        let size = base + (i < extra ? 1 : 0)
        defer { start += size }
        return start..<(start + size)
    }
}
