import Cases

/// What to do next, in one line, for each refusal Cases can give: the command line's own words,
/// naming its own commands.
extension CasesError {
    var hint: String {
        switch code {
        case .noSuchCase: "check the reference with `case list`"
        case .noSuchPerson: "see who exists with `handler list`"
        case .noSuchEvent: "see the events with `event list`"
        case .noSuchAttachment(let reference, _): "`case show \(reference)` lists its attachments and their numbers"
        case .shredded: "the log keeps what was done to it: `audit export`; summaries still count it"
        case .holdState(let reference, let held): held ? "release it first with `case release \(reference)`" : "place one with `case hold \(reference) --reason TEXT`"
        case .unknownCategory: "`policy check` lists the categories of the procedure"
        case .invalid(let field, let problem): Self.hint(field, problem)
        case .refused(.disabled): "ask an administrator; the attempt was logged"
        case .refused(.excluded): "you are excluded from this case; the attempt was logged"
        case .refused(.notInPanelStage(let stage)): "the panel receives a case when it reaches '\(stage)'; the attempt was logged"
        case .refused(.neverReadsCases): "only handlers, safeguarding leads, investigators and the appeals panel work cases; the attempt was logged"
        case .refused: "ask a handler who holds the case to assign it to you; the attempt was logged"
        case .cannotReceive(_, .excluded): "the reporter or a handler excluded this person; choose someone else (the attempt was logged)"
        case .cannotReceive: "assign the case to a handler, safeguarding lead or investigator, or to the appeals panel in its stage; the attempt was logged"
        case .administratorsOnly: "ask an administrator; the attempt was logged"
        case .summariesOnly: "ask a member of the Executive Committee; the attempt was logged"
        case .firstPersonMustAdminister: "add people as an administrator with `handler add --as ADMIN`"
        case .noLogKey: "an administrator who holds it gives it to you with `handler set-roles ID --role admin`"
        case .noOrganisationKey: "an administrator who holds it certifies administrators; the recovery key holds it too"
        case .noEnrolment: "check the id you were given; an administrator adds people with `handler add`"
        case .noCheckpoint: "an administrator signs one with `audit checkpoint`"
        case .stageChange: "`case show REF` lists the moves you may make now"
        case .procedureStrands: "keep those stages and categories in the new file, or move the cases on first (`policy install FILE --dry-run` lists them)"
        case .wrongPassphrase: "type it again (the attempt was logged); if it is lost, an administrator runs `handler recover` with the recovery key"
        case .noCaseForReceipt: "check the receipt: 20 letters and digits in four groups of five"
        case .duplicate(.assignment): "they hold the case already"
        case .duplicate(.caseReference): "run the command again"
        case .duplicate: "choose another name"
        case .damaged: "run `audit verify`, and restore from a backup if the database was altered"
        case .unavailable(.busy): "run the command again; if the database stays busy, look for a stuck process using the data directory"
        case .unavailable(.diskFull): "free space on the disk that holds the data directory (`df -h`), then run the command again"
        case .unavailable(.databaseUnreachable): "check that PostgreSQL runs and takes connections (`pg_isready`), and that the password file or GRIEVANCE_DATABASE_PASSWORD is right; nothing was changed"
        case .unavailable(.readOnly): "the filesystem was mounted read-only, or the kernel made it so after a disk error (see `dmesg`); once it takes writes again, run the command again"
        }
    }
}

extension CasesError {
    private static func hint(_ field: Field, _ problem: Problem) -> String {
        switch (field, problem) {
        case (.passphrase, _): "a few unrelated words make a passphrase easy to type and hard to guess"
        case (_, .tooLong): "shorten it; a text is at most 20,000 bytes"
        case (_, .ownAdministratorRole): "ask another administrator to take it away"
        case (_, .selfDisable): "ask another administrator"
        case (_, .selfExclusion): "to step back from a case, ask another handler to exclude you"
        case (_, .notThisOrganisations): "give the recovery key file written by `init` for this data directory"
        case (_, .needsHandler), (_, .webNotOnBehalf): "`case open` files hotline, in-person and e-mail reports; web reports come through the intake page"
        case (_, .changedMeanwhile): "run the command again"
        case (.enrolmentCode, .notThisPersons): "type the code again (the attempt was logged); it is 20 letters and digits"
        case (.enrolmentCode, .expired): "ask an administrator for a new code (`handler recover`, or `handler add` again)"
        case (_, .inconsistent): "keep a copy of the data directory as evidence: the log was rewritten or shown differently to different people"
        case (.notifyCommand, .untrusted): "an administrator sets it again, signed: grievance-cli notify set --as ADMIN -- COMMAND…"
        case (.notifyTimeout, _): "give --timeout in seconds, from 1 to 300"
        case (.notifyCommand, _): "give the program by its absolute path, then its arguments, after --: notify set --as ADMIN -- /usr/sbin/sendmail -t"
        case (.horizon, _): "e.g. --within 36h, --within 3d or --within 1w"
        case (_, .untrusted): "an administrator re-certifies them (`handler set-roles`), or they enrol again (`handler recover`)"
        case (_, .administratorReadsCases): "give the reading role to someone else; administrators manage accounts, roles and events only"
        case (.personalState, _): "your own state is in $XDG_STATE_HOME/grievance (by default ~/.local/state/grievance)"
        case (_, .disabled), (_, .alreadyDisabled): "`handler list` shows who is active"
        default: "correct the value and try again"
        }
    }
}
