import GrievanceCrypto

/// Turns core dumps off before any command runs, then runs the command tree.
@main
enum GrievanceCLIMain {
    static func main() async {
        ProcessHardening.disableCoreDumps()
        await GrievanceCLI.main()
    }
}
