import Foundation
import PKSim

extension Registry {
    /// Registers the plugin a manifest describes through the loader of its kind.
    @discardableResult
    public mutating func register(manifest m: Manifest) throws -> Entry {
        guard let loader = manifestLoaders[m.kind] else {
            throw m.error("kind", "no loader for kind '\(m.kind)'",
                          hint: "loadable kinds: " + manifestLoaders.keys.map(\.rawValue).sorted().joined(separator: ", "))
        }
        var e = try loader(m, self)
        e.manifest = m
        do { try register(e) }
        catch let err as RegistryError { throw m.error("id", err.description) }
        return e
    }

    /// `plugin load FILE`: parses and registers one manifest file.
    @discardableResult
    public mutating func load(manifestAt path: String) throws -> Entry {
        try register(manifest: Manifest.load(path: path))
    }

    /// Registers every `*.toml` manifest of a directory (a missing directory registers nothing): covariate
    /// adapters first, then other kinds, then priors (which may name adapters), each group by file name.
    /// Registers every valid manifest, then throws the first error, if any.
    @discardableResult
    public mutating func loadDirectory(_ path: String) throws -> [Entry] {
        let (entries, errors) = loadDirectoryCollectingErrors(path)
        if let first = errors.first { throw first }
        return entries
    }

    /// As `loadDirectory(_:)`, but a manifest that fails is skipped and its error collected (start-up use:
    /// one bad file does not hide the others). `displayPath` names the directory in sources and errors
    /// (default: `path`), e.g. "plugins" for the working directory's.
    public mutating func loadDirectoryCollectingErrors(_ path: String, displayPath: String? = nil) -> (entries: [Entry], errors: [ManifestError]) {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue else { return ([], []) }
        let files = ((try? fm.contentsOfDirectory(atPath: path)) ?? []).filter { $0.hasSuffix(".toml") }.sorted()
        var errors: [ManifestError] = []
        var manifests: [Manifest] = []
        for f in files {
            let label = ((displayPath ?? path) as NSString).appendingPathComponent(f)
            do {
                var m = try Manifest.load(path: (path as NSString).appendingPathComponent(f))
                m.file = label
                manifests.append(m)
            } catch var e as ManifestError {
                e.file = label
                errors.append(e)
            } catch { errors.append(ManifestError(file: label, message: "\(error)")) }
        }
        func rank(_ k: Kind) -> Int { k == .covariateAdapter ? 0 : (k == .prior ? 2 : 1) }
        var out: [Entry] = []
        for m in manifests.enumerated().sorted(by: { (rank($0.element.kind), $0.offset) < (rank($1.element.kind), $1.offset) }).map(\.element) {
            do { out.append(try register(manifest: m)) }
            catch let e as ManifestError { errors.append(e) }
            catch { errors.append(m.error(nil, "\(error)")) }
        }
        return (out, errors)
    }
}
