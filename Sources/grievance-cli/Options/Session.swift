import Cases

/// An opened data directory and the person acting on it, unlocked.
struct Session: Sendable {
    let installation: Installation
    let actor: UnlockedPrincipal

    var casework: Casework { installation.casework }
    var administration: Administration { installation.administration }
}
