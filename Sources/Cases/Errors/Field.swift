/// A value someone gave Cases, named as Cases knows it. Each face says it in its own words: the
/// server as the API's field (`reporter_name`), the command line as the option or the thing.
public enum Field: String, Sendable, Hashable, CaseIterable {
    // A report.
    case category, event, description, occurred, location, respondent, witnesses
    case reporterName, reporterContact, gender, language, excludeHandlers, attachments, channel
    // Working a case.
    case reference, note, message, reason, person
    // People, events and the installation.
    case id, name, roles, passphrase, keys, slug, dates, place, organisation, keyCost, intakeURL, recoveryKey, database
    // The audit log.
    case checkpoint, witnessKey, logKey, organisationKey, personalState, enrolmentCode
    // Operations.
    case rotation
    // Reminders and notifications.
    case horizon, notifyCommand, notifyTimeout

    /// The field in plain words, for messages that are not a form's.
    public var phrase: String {
        switch self {
        case .category: "the category"
        case .event: "the event"
        case .description: "the description"
        case .occurred: "when it happened"
        case .location: "where it happened"
        case .respondent: "who it is about"
        case .witnesses: "the witnesses"
        case .reporterName: "the reporter's name"
        case .reporterContact: "the reporter's contact"
        case .gender: "the reporter's gender"
        case .language: "the language"
        case .excludeHandlers: "the people to keep away"
        case .attachments: "the attachments"
        case .channel: "the channel"
        case .reference: "the case reference"
        case .note: "the note"
        case .message: "the message"
        case .reason: "the reason"
        case .person: "the person"
        case .id: "the id"
        case .name: "the name"
        case .roles: "the roles"
        case .passphrase: "the passphrase"
        case .keys: "the keys"
        case .slug: "the event's short name"
        case .dates: "the dates"
        case .place: "the place"
        case .organisation: "the organisation's name"
        case .keyCost: "the key cost"
        case .intakeURL: "the intake address"
        case .database: "the database"
        case .recoveryKey: "the recovery key"
        case .checkpoint: "the checkpoint"
        case .witnessKey: "the witness's key"
        case .logKey: "the log key"
        case .organisationKey: "the organisation key"
        case .personalState: "your own Grievance state"
        case .enrolmentCode: "the enrolment code"
        case .rotation: "the backup rotation"
        case .horizon: "how far ahead to look"
        case .notifyCommand: "the notification command"
        case .notifyTimeout: "the notification command's time limit"
        }
    }
}
