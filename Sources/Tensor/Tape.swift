import Foundation

/// Records ops for reverse-mode differentiation.
///
///     let tape = Tape()
///     let loss = tape.record { model(x).square().mean() }
///     let grads = tape.backward(loss)
///
/// Ops executed on the current thread inside `record` are recorded on this tape (the current tape is
/// thread-local, so two threads may each record on their own tape while sharing parameters read-only).
/// Outside any `record`, ops record nothing (inference mode). An op is recorded only when one of its
/// inputs needs a gradient (a `requiresGrad` leaf or an output of an op recorded on this tape).
/// `backward` consumes the recording; the tape may then record afresh (earlier outputs become constants).
public final class Tape {
    /// An op's backward: receives the tape (to fetch input gradient buffers) and d(loss)/d(output).
    typealias Backward = (Tape, UnsafeMutablePointer<Float>) -> Void

    struct Node {
        let slot: Int
        let op: OpKind
        let backward: Backward
    }

    /// Identity stamped on recorded outputs; renewed after `backward`, so tensors of an earlier recording
    /// are constants to a later one.
    private(set) var id: UInt64
    private var nodes: [Node] = []
    private var slotGrads: [GradientBuffer?] = []
    private var leafIndex: [ObjectIdentifier: Int] = [:]
    private var leaves: [Tensor] = []
    private var leafGrads: [GradientBuffer] = []

    /// The first tape also calls `TensorRuntime.keepBuffersResident()` (training reuses large buffers).
    public init() {
        id = TapeIDs.next()
        _ = TensorRuntime.trainingDefaults
    }

    /// Runs `body` with this tape as the current thread's tape; ops inside are recorded. Nests.
    public func record<T>(_ body: () throws -> T) rethrows -> T {
        let previous = pthread_getspecific(currentTapeKey)
        pthread_setspecific(currentTapeKey, Unmanaged.passUnretained(self).toOpaque())
        defer { pthread_setspecific(currentTapeKey, previous) }
        if OpProfiler.isEnabled { markForward() }
        return try body()
    }

    // Profiling: an op's forward time is the time since the previous recorded op (sgemm excluded).
    private var profileMark: Double = 0
    private var profileGemmMark: Double = 0

    private func markForward() {
        profileMark = OpProfiler.now()
        profileGemmMark = OpProfiler.gemmSeconds
    }

    /// Runs `body` with recording off on this thread (inference inside a `record` block).
    public static func withoutRecording<T>(_ body: () throws -> T) rethrows -> T {
        let previous = pthread_getspecific(currentTapeKey)
        pthread_setspecific(currentTapeKey, nil)
        defer { pthread_setspecific(currentTapeKey, previous) }
        return try body()
    }

    /// The tape recording on this thread, if any.
    public static var current: Tape? {
        guard let raw = pthread_getspecific(currentTapeKey) else { return nil }
        return Unmanaged<Tape>.fromOpaque(raw).takeUnretainedValue()
    }

    /// Number of ops recorded so far.
    public var opCount: Int { nodes.count }

    @inline(__always)
    func needsGrad(_ t: Tensor) -> Bool { t.requiresGrad || t.tapeID == id }

    /// Records `output` as produced by an op whose backward is `backward`.
    func record(_ output: Tensor, op: OpKind, backward: @escaping Backward) {
        if OpProfiler.isEnabled {
            let t = OpProfiler.now()
            let gemm = OpProfiler.gemmSeconds - profileGemmMark
            OpProfiler.add("forward " + op.rawValue, t - profileMark - gemm)
            if gemm > 0 { OpProfiler.add("sgemm " + op.rawValue, gemm) }
            profileMark = t
            profileGemmMark = OpProfiler.gemmSeconds
        }
        output.tapeID = id
        output.tapeSlot = slotGrads.count
        slotGrads.append(nil)
        nodes.append(Node(slot: output.tapeSlot, op: op, backward: backward))
    }

    /// The zero-initialised gradient accumulator of `t`, or nil when `t` needs no gradient.
    /// Backward functions add (never assign) into it.
    func grad(_ t: Tensor) -> UnsafeMutablePointer<Float>? {
        if t.tapeID == id {
            if let buffer = slotGrads[t.tapeSlot] { return buffer.pointer }
            let buffer = GradientBuffer(count: t.count)
            slotGrads[t.tapeSlot] = buffer
            return buffer.pointer
        }
        guard t.requiresGrad else { return nil }
        let key = ObjectIdentifier(t)
        if let index = leafIndex[key] { return leafGrads[index].pointer }
        let buffer = GradientBuffer(count: t.count)
        leafIndex[key] = leaves.count
        leaves.append(t)
        leafGrads.append(buffer)
        return buffer.pointer
    }

    /// Back-propagates from the one-element `loss`; returns the gradients of every `requiresGrad` tensor
    /// that the loss depends on (accumulated by identity). A loss not recorded on this tape has none.
    public func backward(_ loss: Tensor) -> Gradients {
        precondition(loss.count == 1, "Tape.backward: loss must have one element, has shape \(loss.shape)")
        if loss.tapeID == id {
            grad(loss)!.pointee += 1
            let profiling = OpProfiler.isEnabled
            let start = profiling ? OpProfiler.now() : 0
            var inOps: Double = 0
            for node in nodes.reversed() {
                guard let buffer = slotGrads[node.slot] else { continue }
                if profiling {
                    let t0 = OpProfiler.now(), g0 = OpProfiler.gemmSeconds
                    node.backward(self, buffer.pointer)
                    let dt = OpProfiler.now() - t0
                    inOps += dt
                    let gemm = OpProfiler.gemmSeconds - g0
                    OpProfiler.add("backward " + node.op.rawValue, dt - gemm)
                    if gemm > 0 { OpProfiler.add("sgemm " + node.op.rawValue, gemm) }
                } else {
                    node.backward(self, buffer.pointer)
                }
                slotGrads[node.slot] = nil
            }
            if profiling { OpProfiler.add("tape bookkeeping", OpProfiler.now() - start - inOps) }
        } else if loss.requiresGrad {
            grad(loss)!.pointee += 1
        }
        var result = Gradients()
        for (i, leaf) in leaves.enumerated() {
            result.accumulate(leaf, UnsafeBufferPointer(start: leafGrads[i].pointer, count: leaf.count))
        }
        id = TapeIDs.next()
        nodes = []
        slotGrads = []
        leaves = []
        leafGrads = []
        leafIndex = [:]
        return result
    }

    /// Back-propagates and returns d(loss)/d(t) for each `t` in `wrt` (each must be a `requiresGrad`
    /// leaf; a tensor the loss does not depend on gets zeros).
    public func backward(_ loss: Tensor, wrt tensors: [Tensor]) -> [[Float]] {
        let grads = backward(loss)
        return tensors.map { grads[$0] ?? [Float](repeating: 0, count: $0.count) }
    }
}

/// A zero-initialised heap buffer of floats owned by a tape.
final class GradientBuffer {
    let pointer: UnsafeMutablePointer<Float>
    let count: Int

    init(count: Int) {
        self.count = count
        pointer = .allocate(capacity: max(count, 1))
        pointer.initialize(repeating: 0, count: max(count, 1))
    }

    deinit { pointer.deallocate() }
}

/// Unique tape identities (never 0).
enum TapeIDs {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var counter: UInt64 = 0

    static func next() -> UInt64 {
        lock.lock()
        defer { lock.unlock() }
        counter += 1
        return counter
    }
}

/// Thread-local slot holding the current tape (unretained; `record` keeps the tape alive).
let currentTapeKey: pthread_key_t = {
    var key = pthread_key_t()
    pthread_key_create(&key, nil)
    return key
}()
