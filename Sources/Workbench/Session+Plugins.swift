import Foundation
import PKSim

/// The session's plugin registry and `plugin list|show|load`.
extension Session {
    /// Directories whose `*.toml` manifests are registered when the registry is built: `plugins/` of the
    /// working directory and `plugins/` beside the workspace file (once if they are the same).
    public var pluginDirectories: [URL] {
        let here = workingDirectory.appendingPathComponent("plugins").standardizedFileURL
        let beside = URL(fileURLWithPath: workspace.path).deletingLastPathComponent().appendingPathComponent("plugins").standardizedFileURL
        return here == beside ? [here] : [here, beside]
    }

    /// The registry: built-ins, the manifests of `pluginDirectories`, the priors stored in the workspace
    /// (`prior derive`), and what `plugin load` added in this session. Built on first use; manifests that
    /// fail are skipped and reported once through `registryNotes()`.
    public func registry() throws -> Registry {
        if let r = registryCache { return r }
        var r = Registry.standard()
        var problems: [String] = []
        let base = workingDirectory.standardizedFileURL.path + "/"
        for dir in pluginDirectories {
            let display = dir.path.hasPrefix(base) ? String(dir.path.dropFirst(base.count)) : dir.path
            let (_, errors) = r.loadDirectoryCollectingErrors(dir.path, displayPath: display)
            problems += errors.map { "plugin skipped: \($0)" }
        }
        for record in try wrap({ try workspace.priors.list() }) {
            do { try r.register(manifest: Manifest.parse(toml: record.manifest, file: "workspace prior '\(record.id)'")) }
            catch { problems.append("plugin skipped: \(error)") }
        }
        registryCache = r
        registryNotes = problems
        return r
    }

    /// Replaces the session's registry (after a successful registration).
    func setRegistry(_ r: Registry) { registryCache = r }

    /// The notes about skipped manifests as output blocks, once.
    func takeRegistryNotes() -> [OutputBlock] {
        let notes = registryNotes
        registryNotes = []
        return notes.map { .note($0) }
    }

    /// A registry kind from a user's word (`prior`, `covariate-adapter`/`adapter`, `decoder`, …).
    func pluginKind(_ word: String, in r: Registry) throws -> Registry.Kind {
        let k = word == "adapter" ? Registry.Kind.covariateAdapter : Registry.Kind(word)
        guard r.kinds.contains(k) else {
            throw WorkbenchError("unknown plugin kind '\(word)'", hint: "kinds: " + r.kinds.map(\.rawValue).joined(separator: ", "))
        }
        return k
    }

    /// `plugin list [--kind K]`: every registered plugin with its kind, version and source.
    public func pluginList(kind: String? = nil) throws -> CommandResult {
        let r = try registry()
        let kinds = try kind.map { [try pluginKind($0, in: r)] } ?? r.kinds
        var t = Table(columns: ["kind", "id", "version", "source", "summary"])
        for k in kinds {
            for e in r.entries(k) {
                t.append([.text(k.rawValue), .text(e.id), .text(e.version), .text(e.source.description), .text(e.summary)])
            }
        }
        return CommandResult(takeRegistryNotes() + [.table(t)])
    }

    /// `plugin show ID [--kind K]`: the plugin's metadata and configuration.
    public func pluginShow(_ id: String, kind: String? = nil) throws -> CommandResult {
        let r = try registry()
        let kinds = try kind.map { [try pluginKind($0, in: r)] } ?? r.kinds
        let found = kinds.compactMap { r.entry($0, id) }
        guard let e = found.first else {
            let ids = kinds.flatMap { r.entries($0).map(\.id) }
            let hint = EditDistance.suggestions(for: id, among: ids).first.map { "did you mean '\($0)'?" } ?? "`plugin list` shows the plugins"
            throw WorkbenchError("unknown plugin '\(id)'", hint: hint)
        }
        if found.count > 1 {
            throw WorkbenchError("'\(id)' is a plugin of several kinds (\(found.map(\.kind.rawValue).joined(separator: ", ")))",
                                 hint: "add --kind KIND")
        }
        var t = Table(title: "\(e.kind) \(e.id)", columns: ["key", "value"])
        t.append([.text("version"), .text(e.version)])
        t.append([.text("source"), .text(e.source.description)])
        t.append([.text("summary"), .text(e.summary)])
        var result = CommandResult(takeRegistryNotes() + [.table(t)])
        if e.kind == .prior {
            result.blocks += try priorShow(id).blocks
        } else if e.kind == .covariateAdapter, let m = try? r.exportAdapterManifest(id) {
            var c = Table(title: "configuration", columns: ["key", "value"])
            for (k, v) in m.values { c.append([.text(k), .text(v.description)]) }
            result.blocks.append(.table(c))
        } else if let m = e.manifest {
            var c = Table(title: "manifest \(m.file)", columns: ["key", "value"])
            for (k, v) in m.values { c.append([.text(k), .text(v.description)]) }
            result.blocks.append(.table(c))
        }
        return result
    }

    /// `plugin load FILE`: registers one manifest for this session (put it in `plugins/` to load it at
    /// every start-up).
    public func pluginLoad(file: String) throws -> CommandResult {
        var r = try registry()
        let url = url(for: file)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw WorkbenchError("no such file '\(file)'", hint: "paths are relative to \(workingDirectory.path)")
        }
        let entry: Registry.Entry
        do {
            let text = try String(contentsOf: url, encoding: .utf8)
            entry = try r.register(manifest: Manifest.parse(toml: text, file: file))
        } catch let e as ManifestError {
            throw WorkbenchError(e.file + ": " + (e.key.map { "key '\($0)': " } ?? "") + e.message,
                                 hint: e.hint ?? "plugins/README.md describes the manifest format")
        }
        setRegistry(r)
        return CommandResult(takeRegistryNotes() + [.text("registered \(entry.kind) '\(entry.id)' (version \(entry.version)) from \(file)")])
    }
}
