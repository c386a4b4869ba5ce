import ArgumentParser
import FuzzingSupport

/// The process: the server; or, in a build for fuzzing (`scripts/fuzz`, which defines
/// GRIEVANCE_FUZZ), libFuzzer over the parsers a client reaches (`ServerFuzzTargets`).
@main
enum Main {
    static func main() async {
        #if GRIEVANCE_FUZZ
        FuzzDriver.main(ServerFuzzTargets.all)
        #else
        await ServerCommand.main()
        #endif
    }
}
