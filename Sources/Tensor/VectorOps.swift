/// Small vectorised BLAS-1 style loops (8 lanes, scalar tail) on raw pointers.
enum VectorOps {
    /// Σ a[i]·b[i] for i < n.
    @inline(__always)
    static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ n: Int) -> Float {
        var acc = Vec(repeating: 0)
        var i = 0
        while i + 8 <= n {
            acc = acc.addingProduct(load(a + i), load(b + i))
            i += 8
        }
        let half = acc.lowHalf + acc.highHalf
        let quarter = half.lowHalf + half.highHalf
        var s = quarter[0] + quarter[1]
        while i < n {
            s += a[i] * b[i]
            i += 1
        }
        return s
    }

    /// y[i] += alpha · x[i] for i < n.
    @inline(__always)
    static func axpy(_ alpha: Float, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ n: Int) {
        let va = Vec(repeating: alpha)
        var i = 0
        while i + 8 <= n {
            store(load(y + i).addingProduct(va, load(x + i)), y + i)
            i += 8
        }
        while i < n {
            y[i] += alpha * x[i]
            i += 1
        }
    }

    /// y[i] += x[i] for i < n.
    @inline(__always)
    static func add(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ n: Int) {
        var i = 0
        while i + 8 <= n {
            store(load(y + i) + load(x + i), y + i)
            i += 8
        }
        while i < n {
            y[i] += x[i]
            i += 1
        }
    }

    /// y[i] += a[i] · b[i] for i < n.
    @inline(__always)
    static func addProduct(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ n: Int) {
        var i = 0
        while i + 8 <= n {
            store(load(y + i).addingProduct(load(a + i), load(b + i)), y + i)
            i += 8
        }
        while i < n {
            y[i] += a[i] * b[i]
            i += 1
        }
    }

    /// Σ x[i] for i < n.
    @inline(__always)
    static func sum(_ x: UnsafePointer<Float>, _ n: Int) -> Float {
        var acc = Vec(repeating: 0)
        var i = 0
        while i + 8 <= n {
            acc += load(x + i)
            i += 8
        }
        var s = horizontalSum(acc)
        while i < n {
            s += x[i]
            i += 1
        }
        return s
    }

    @inline(__always)
    static func horizontalSum(_ v: Vec) -> Float {
        let half = v.lowHalf + v.highHalf
        let quarter = half.lowHalf + half.highHalf
        return quarter[0] + quarter[1]
    }
}
