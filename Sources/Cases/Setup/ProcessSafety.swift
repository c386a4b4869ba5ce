import GrievanceCrypto

/// What each executable does first, before any secret exists in the process.
public enum ProcessSafety {
    /// Turns core dumps off (a dump would hold unwrapped keys and complaint text) and marks the
    /// process non-dumpable, so other processes of the same user cannot attach to it. False if
    /// the system refused either step.
    @discardableResult
    public static func disableCoreDumps() -> Bool { ProcessHardening.disableCoreDumps() }
}
