import CProcessHardening
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Steps every executable of this system takes before it touches a secret.
public enum ProcessHardening {
    /// Turns core dumps off (a dump would hold unwrapped keys and complaint text) and marks the
    /// process non-dumpable, which also stops other processes of the same user from attaching
    /// with ptrace. Returns false if the system refused either step.
    @discardableResult
    public static func disableCoreDumps() -> Bool {
        var limit = rlimit(rlim_cur: 0, rlim_max: 0)
        #if os(Linux)
        let coreLimited = setrlimit(__rlimit_resource_t(RLIMIT_CORE.rawValue), &limit) == 0
        #else
        let coreLimited = setrlimit(RLIMIT_CORE, &limit) == 0
        #endif
        let notDumpable = grievance_set_not_dumpable() == 0
        return coreLimited && notDumpable
    }
}
