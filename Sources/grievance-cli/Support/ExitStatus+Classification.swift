import ArgumentParser
import Cases
import Summaries

/// Which exit status each error the command line can meet ends with: the one place that
/// decides it, for the errors of Cases, the data directory, files, summaries, the procedure
/// file and the command line itself. docs/CLI.md lists the same, as a table.
extension ExitStatus {
    init(classifying error: any Error) {
        switch error {
        case let failure as CLIFailure: self = Self.of(failure.kind)
        case let error as CasesError: self = Self.of(error.code)
        case is AccessRefusal: self = .refused
        case let error as DataDirectoryError: self = Self.of(error.kind)
        case let error as FileError: self = Self.of(error.code)
        case let error as SummaryError: self = Self.of(error)
        // Every catalogue is checked by a test before it ships (the language is checked
        // before any work): only a damaged installation gets here.
        case is SummaryCatalogError: self = .couldNotRun
        // A procedure file that would be refused: checked and found wrong.
        case is PolicyError: self = .verificationFailed
        // The parser's own: a mistake on the command line, whatever it threw.
        case is ValidationError: self = .usage
        case _ where String(reflecting: type(of: error)).hasPrefix("ArgumentParser."): self = .usage
        // A database or system error nobody foresaw.
        default: self = .couldNotRun
        }
    }

    private static func of(_ kind: CLIFailure.Kind) -> Self {
        switch kind {
        case .missing, .unusable, .notInShell: .usage
        case .declined, .unsafeFile: .refused
        case .notFound: .notFound
        case .doesNotVerify: .verificationFailed
        case .environment: .couldNotRun
        }
    }

    private static func of(_ code: CasesError.Code) -> Self {
        switch code {
        case .noSuchCase, .noSuchPerson, .noSuchEvent, .noSuchAttachment, .noEnrolment, .noCaseForReceipt, .noCheckpoint: .notFound
        // Its content and keys no longer exist: for a script, as good as no such case.
        case .shredded: .notFound
        // A fixed list of the procedure's, like --gender's: a value the command cannot take.
        case .unknownCategory: .usage
        case .invalid(let field, let problem): of(problem, field)
        case .refused, .cannotReceive, .administratorsOnly, .summariesOnly, .firstPersonMustAdminister, .noLogKey, .noOrganisationKey,
             .stageChange, .wrongPassphrase, .holdState, .procedureStrands:
            .refused
        // Two fresh references collided, or the people changed while filing: run it again.
        case .duplicate(.caseReference): .couldNotRun
        // A person, an event or an assignment that exists already: the rules allow one.
        case .duplicate: .refused
        case .damaged: .verificationFailed
        case .unavailable: .couldNotRun
        }
    }

    private static func of(_ problem: Problem, _ field: Field) -> Self {
        switch problem {
        // A value given that cannot be taken as it is.
        case .empty, .tooLong, .tooManyCharacters, .tooShort, .tooMany, .tooLarge, .notAReference, .notAnIdentifier, .reservedName,
             .notADate, .endsBeforeStarts, .placeWhenOnline, .placeMissing, .notOneOf, .notAWebAddress, .webNotOnBehalf, .needsHandler,
             .outside, .notAbsolutePath:
            .usage
        // Your own state (~/.local/state/grievance) cannot be read or written: the machine's.
        case .malformed where field == .personalState: .couldNotRun
        case .malformed: .usage
        // Names a person, category or handler the system does not know.
        case .unknown: .notFound
        // The rules: what nobody may do to themselves, a code or key not theirs, roles nobody
        // may hold together, someone whose certificate does not verify (nothing is sealed to
        // them, and the attempt was logged).
        case .ownAdministratorRole, .selfDisable, .selfExclusion, .disabled, .alreadyDisabled, .notThisOrganisations, .notThisPersons,
             .expired, .investigatorOnPanel, .administratorReadsCases, .untrusted:
            .refused
        // A log that no longer extends what this person saw before.
        case .inconsistent: .verificationFailed
        // Something changed while it ran: run it again.
        case .changedMeanwhile: .couldNotRun
        }
    }

    private static func of(_ kind: DataDirectoryError.Kind) -> Self {
        switch kind {
        // The data directory cannot be used as it is: missing, never initialised, not
        // private, unreadable, or (for init and restore) not empty.
        case .missing, .notInitialised, .notEmpty, .exposed, .unreadable, .cannotCreate, .cannotWrite: .couldNotRun
        // A group named at init that is not there, or not the person's.
        case .noSuchGroup: .notFound
        // A key that is not the one pinned or vouched for: someone may have replaced it.
        case .organisationKeyChanged, .recoveryKeyNotEndorsed: .verificationFailed
        // A database that another installation uses: give another.
        case .databaseInUse: .usage
        }
    }

    private static func of(_ code: FileError.Code) -> Self {
        switch code {
        // Files are written new: name another.
        case .exists: .usage
        // sysexits' EX_NOINPUT: "did not exist or was not readable".
        case .cannotRead: .notFound
        case .cannotCreate, .cannotWrite: .couldNotRun
        // Not the file it should be, or altered (an export under the wrong passphrase is
        // among these: authenticated encryption cannot tell the two apart).
        case .unrecognised, .damaged: .verificationFailed
        }
    }

    private static func of(_ error: SummaryError) -> Self {
        switch error {
        case .badPeriod, .badMonth, .backwards, .notEnded: .usage
        case .noCheckpoint: .notFound
        // The disclosure control will not release it.
        case .ledgerDiscloses: .refused
        case .damagedLedger: .verificationFailed
        case .solverFailed: .couldNotRun
        }
    }
}
