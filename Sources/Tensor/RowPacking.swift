/// The valid positions of a padded `[B, T]` layout, so that row-wise layers (Linear, MLP, LayerNorm,
/// attention projections) run on the valid rows only: `pack` gathers `[B, T, F]` → `[V, F]`, `unpack`
/// places `[V, F]` back into `[B, T, F]` with zeros at the padded positions. Both are differentiable.
/// A row-wise layer gives the same values on packed rows as on the padded layout's valid rows; only the
/// padded rows (which every consumer masks) change, to zeros.
public struct RowPacking: Sendable {
    /// Batch and time extents of the padded layout.
    public let batch: Int, steps: Int
    /// Flat indices b · steps + t of the valid positions, in row-major order.
    public let rows: [Int]

    /// Valid where `mask` ([B, T], 1 valid, 0 padding) is non-zero.
    public init(mask: Tensor) {
        precondition(mask.rank == 2, "RowPacking: mask must be [B, T], got \(mask.shape)")
        batch = mask.shape[0]; steps = mask.shape[1]
        let m = mask.scalars
        rows = m.indices.filter { m[$0] != 0 }
    }

    /// Valid at steps 0..<lengths[b] of each row b.
    public init(lengths: [Int], steps: Int) {
        precondition(lengths.allSatisfy { (0...steps).contains($0) }, "RowPacking: lengths \(lengths) must lie in 0...\(steps)")
        batch = lengths.count; self.steps = steps
        rows = lengths.enumerated().flatMap { b, n in (0..<n).map { b * steps + $0 } }
    }

    /// Number of valid positions V.
    public var count: Int { rows.count }

    /// The `[B, T]` mask, row-major: 1 at valid positions, 0 at padding.
    public var validMask: [Float] {
        var mask = [Float](repeating: 0, count: batch * steps)
        for row in rows { mask[row] = 1 }
        return mask
    }

    /// The batch index b of each packed row.
    public var batchOfRow: [Int] { rows.map { $0 / steps } }

    /// True when no position is padding: `pack` and `unpack` are then reshapes, without copies.
    public var isDense: Bool { rows.count == batch * steps }

    /// x `[B, T, F]` → its valid rows `[V, F]`.
    public func pack(_ x: Tensor) -> Tensor {
        precondition(x.rank == 3 && x.shape[0] == batch && x.shape[1] == steps,
                     "RowPacking.pack: input \(x.shape) must be [\(batch), \(steps), F]")
        let flat = x.reshaped([batch * steps, x.shape[2]])
        return isDense ? flat : flat.indexSelect(axis: 0, indices: rows)
    }

    /// x `[V, F]` → `[B, T, F]`, zeros at the padded positions.
    public func unpack(_ x: Tensor) -> Tensor {
        precondition(x.rank == 2 && x.shape[0] == count, "RowPacking.unpack: input \(x.shape) must be [\(count), F]")
        return (isDense ? x : x.placingRows(at: rows, count: batch * steps)).reshaped([batch, steps, x.shape[1]])
    }
}

extension Tensor {
    /// The inverse of `indexSelect(axis: 0, …)` for distinct indices: self `[V, ...]` → `[count, ...]` whose row
    /// `indices[j]` is row j of self and whose other rows are 0. Backward gathers.
    public func placingRows(at indices: [Int], count: Int) -> Tensor {
        precondition(rank >= 1 && indices.count == shape[0], "placingRows: \(indices.count) indices for \(shape[0]) rows")
        var placed = [Bool](repeating: false, count: count)
        for row in indices {
            precondition((0..<count).contains(row) && !placed[row], "placingRows: indices must be distinct and in 0..<\(count)")
            placed[row] = true
        }
        let inner = shape.dropFirst().reduce(1, *)
        var values = [Float](repeating: 0, count: count * inner)
        data.withUnsafeBufferPointer { x in
            values.withUnsafeMutableBufferPointer { o in
                for (j, row) in indices.enumerated() {
                    (o.baseAddress! + row * inner).update(from: x.baseAddress! + j * inner, count: inner)
                }
            }
        }
        let out = Tensor(shape: [count] + shape.dropFirst(), scalars: values)
        if let tape = Tape.current, tape.needsGrad(self) {
            tape.record(out, op: .shape) { [self] tape, g in
                guard let gx = tape.grad(self) else { return }
                for (j, row) in indices.enumerated() { VectorOps.add(g + row * inner, gx + j * inner, inner) }
            }
        }
        return out
    }
}
