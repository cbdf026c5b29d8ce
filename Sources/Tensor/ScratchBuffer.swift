/// A heap float buffer owned by an op (shared by its forward and backward closures), freed with its owner.
/// Zero-initialised unless `zeroed: false` (for buffers the op overwrites entirely).
final class ScratchBuffer {
    let p: UnsafeMutablePointer<Float>

    init(_ count: Int, zeroed: Bool = true) {
        p = .allocate(capacity: Swift.max(count, 1))
        if zeroed { p.initialize(repeating: 0, count: Swift.max(count, 1)) }
    }

    deinit { p.deallocate() }
}
