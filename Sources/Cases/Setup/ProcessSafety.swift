import GrievanceCrypto

/// What each executable does first, before any secret exists in the process.
public enum ProcessSafety {
    /// Turns core dumps off (a dump would hold unwrapped keys and complaint text) and marks the
    /// process non-dumpable, so other processes of the same user cannot attach to it. False if
    /// the system refused either step: each executable then refuses to run, since lowering its
    /// own limit is something every process is allowed and a refusal means something is wrong.
    public static func disableCoreDumps() -> Bool { ProcessHardening.disableCoreDumps() }

    /// What each face says when it refuses to run without it.
    public static let refusal = "could not turn core dumps off or make the process non-dumpable; refusing to hold keys or complaints in memory"
}
