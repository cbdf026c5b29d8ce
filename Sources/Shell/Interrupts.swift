import Foundation
import Workbench

/// Ctrl-C handling. SIGINT sets `flag` (the session's cancellation flag): a running command polls it
/// and stops, and a running script stops after it; at the prompt the line editor returns and the shell
/// shows a fresh prompt. A second Ctrl-C while the same command still runs (one that does not poll)
/// ends the process with status 130. Known limit: a SIGINT that arrives while libedit redraws the line
/// (not blocked in read()) is seen only when the next key arrives.
/// Global state by necessity: a C signal handler cannot capture context.
enum Interrupts {
    static let flag = CancellationFlag()
    /// Set by the interpreter while a command runs.
    static let running = AtomicFlag()

    /// Installs the handler (without SA_RESTART, so a blocked read returns).
    static func install() {
        _ = flag.isCancelled  // initialise the globals before a signal can arrive
        _ = running.isSet
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in
            if Interrupts.running.isSet && Interrupts.flag.isCancelled { _exit(130) }
            Interrupts.flag.cancel()
        }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGINT, &action, nil)
    }
}
