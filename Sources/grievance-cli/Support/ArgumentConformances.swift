import ArgumentParser
import Cases

// The domain's closed sets, read straight from the command line by their policy names.
extension Role: ExpressibleByArgument {}
extension IntakeChannel: ExpressibleByArgument {}
extension Region: ExpressibleByArgument {}
extension ReporterGender: ExpressibleByArgument {}
extension RespondentRole: ExpressibleByArgument {}
extension Event.Kind: ExpressibleByArgument {}
extension NotificationFormat: ExpressibleByArgument {}
