import ArgumentParser

/// How `summary` writes what it releases.
enum SummaryFormat: String, CaseIterable, ExpressibleByArgument {
    case markdown
    case csv
    case json
    case html
}
