import Foundation

/// Where the workspace file is: `--workspace PATH`, else `$AICMET_WORKSPACE`, else the default.
public enum WorkspaceLocation {
    public static let defaultPath = "workspace/workbench.sqlite"

    public static func resolve(explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let explicit, !explicit.isEmpty { return explicit }
        if let env = environment["AICMET_WORKSPACE"], !env.isEmpty { return env }
        return defaultPath
    }
}
