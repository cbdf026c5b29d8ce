import CBLAS

/// Process-wide settings that help a training loop.
public enum TensorRuntime {
    /// Keeps large tensor buffers (up to 256 MiB) on the malloc heap instead of fresh mmap'd pages, so
    /// each training step reuses memory instead of page-faulting it in again (glibc only; a no-op
    /// elsewhere). Costs resident memory: freed buffers are retained for reuse. Call once at start-up.
    public static func keepBuffersResident() {
        #if os(Linux)
        _ = mallopt(M_MMAP_THRESHOLD, 256 << 20)
        _ = mallopt(M_TRIM_THRESHOLD, 512 << 20)
        #endif
    }

    /// Applied once, when the first `Tape` is created.
    static let trainingDefaults: Void = { keepBuffersResident() }()
}
