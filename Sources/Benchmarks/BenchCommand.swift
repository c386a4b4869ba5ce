import ArgumentParser

@main
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grievance-bench",
        abstract: "Measure Grievance against the raw libraries it is built on, in the same run.",
        discussion: """
            Build with optimisation, or the figures mean nothing:
              swift run -c release grievance-bench crypto
            Each figure is the median of interleaved rounds, printed beside the same operation on \
            the raw library and the ratio of the two, as a Markdown table for docs/PERFORMANCE.md.
            """,
        subcommands: [CryptoBench.self, AuditBench.self, CasesBench.self, IntakeBench.self, SummaryBench.self, BackupBench.self, EnginesBench.self]
    )
}
