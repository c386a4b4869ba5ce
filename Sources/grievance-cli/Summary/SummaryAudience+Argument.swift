import ArgumentParser
import Summaries

extension SummaryAudience: ExpressibleByArgument {}
