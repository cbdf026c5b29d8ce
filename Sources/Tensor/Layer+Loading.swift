extension Layer {
    /// Copies `tensors[prefix + name]` into each parameter (in place). Throws, naming the tensor, on a
    /// missing tensor or a wrong shape; with `strict`, also on tensors under `prefix` the layer lacks.
    /// Nothing is modified unless every parameter can be loaded.
    public func loadParameters(from tensors: [String: Tensor], prefix: String = "", strict: Bool = false) throws {
        let params = parameters
        var sources: [Tensor] = []
        for (name, p) in params {
            let key = prefix + name
            guard let t = tensors[key] else { throw TensorFileError.missingTensor(name: key) }
            guard t.shape == p.shape else { throw TensorFileError.shapeMismatch(name: key, expected: p.shape, found: t.shape) }
            sources.append(t)
        }
        if strict {
            let known = Set(params.map { prefix + $0.name })
            let extra = tensors.keys.filter { $0.hasPrefix(prefix) && !known.contains($0) }.sorted()
            if !extra.isEmpty { throw TensorFileError.unexpectedTensors(names: extra) }
        }
        for (i, (_, p)) in params.enumerated() { p.data = sources[i].data }
    }

    /// The parameters as named tensors under `prefix` (for `SafeTensors.save`).
    public func namedParameters(prefix: String = "") -> [(name: String, tensor: Tensor)] {
        parameters.map { (name: prefix + $0.name, tensor: $0.tensor) }
    }
}
