import AuditLog
import Foundation
import GrievanceCrypto

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Installation {
    /// What putting `text` in force would change for the open cases — stages and categories
    /// gone or added, deadlines that move, cases it would strand — without changing anything.
    /// A file that does not validate is refused with its line.
    public func previewProcedure(_ text: Data, file: String) throws -> ProcedureChange {
        let next = try ProcedureLoader.load(data: text, file: file)
        return try storage.read { repository in try change(to: next, repository: repository) }
    }

    /// Puts `text` in force as the data directory's procedure, for an administrator, unless it
    /// would strand an open case. Checked, replaced (by rename, keeping the file's mode) and
    /// logged with both hashes while holding the database's write lock, so no case moves and no
    /// other install runs meanwhile. Processes already running (the server) keep the procedure
    /// they loaded until they are restarted.
    public func installProcedure(_ text: Data, file: String, by actor: UnlockedPrincipal) throws -> ProcedureChange {
        let next = try ProcedureLoader.load(data: text, file: file)
        return try ledger.transaction { repository in
            try administration.requireAdministrator(actor, for: .installProcedure, repository: repository)
            let change = try change(to: next, repository: repository)
            guard change.stranded.isEmpty else { throw CasesError(.procedureStrands(change.stranded.count)) }
            guard !change.isUnchanged else { return change }
            let target = directory.procedureURL.path
            let pending = target + ".new-" + Hex.encode(RandomBytes.make(count: 6))
            var status = stat()
            let mode = stat(target, &status) == 0 ? status.st_mode & 0o777 : 0o600
            try [UInt8](text).withUnsafeBytes { bytes in try OwnerOnlyFile.write(bytes, to: pending) }
            guard chmod(pending, mode) == 0, rename(pending, target) == 0 else {
                let problem = String(cString: strerror(errno))
                unlink(pending)
                throw DataDirectoryError.cannotCreate(target, problem)
            }
            Self.syncFolder(of: target)
            try repository.setSetting("procedure-hash", next.hash.bytes)
            try repository.audit(ledger.entry(actor.id, "policy.installed", nil, [
                AuditDetail("name", change.newName), AuditDetail("from", change.currentSHA256), AuditDetail("sha256", change.newSHA256),
                AuditDetail("deadlines-moved", String(change.deadlinesMoved.count)),
                AuditDetail("retention", next.retention.description),
            ]))
            var installed = change
            installed.installed = true
            return installed
        }
    }

    /// The change from the procedure in force — the data directory's file, which another
    /// process may have replaced since this one loaded it — to `next`, for the open cases.
    private func change(to next: Procedure, repository: any CaseRepository) throws -> ProcedureChange {
        let current = try ProcedureLoader.load(contentsOf: directory.procedureURL)
        let open = try repository.openCases(terminalStages: current.stages.filter(\.isTerminal).map(\.id))
        var stranded: [ProcedureChange.Stranded] = []
        var moved: [ProcedureChange.MovedDeadline] = []
        for summary in open {
            let why: String?
            if let stage = next.stage(summary.stage) {
                // An open case whose stage becomes terminal would be closed by the file, not by a
                // person — and then due for retention from when it entered that stage.
                why = stage.isTerminal ? "its stage '\(summary.stage)' would become terminal, closing it without anyone deciding" :
                    next.category(summary.category) == nil ? "its category '\(summary.category)' is not in the new procedure" : nil
            } else {
                why = "its stage '\(summary.stage)' is not in the new procedure"
            }
            if let why {
                stranded.append(.init(reference: summary.reference, stage: summary.stage, category: summary.category, why: why))
                continue
            }
            let before = current.stageDeadline(stage: summary.stage, category: summary.category, enteredAt: summary.stageEnteredAt)
            let after = next.stageDeadline(stage: summary.stage, category: summary.category, enteredAt: summary.stageEnteredAt)
            if before != after { moved.append(.init(reference: summary.reference, stage: summary.stage, from: before, to: after)) }
        }
        let stagesNow = Set(current.stages.map(\.id)), stagesNext = Set(next.stages.map(\.id))
        let categoriesNow = Set(current.categories.map(\.id)), categoriesNext = Set(next.categories.map(\.id))
        return ProcedureChange(
            currentSHA256: current.sha256, newSHA256: next.sha256, newName: next.name, openCases: open.count,
            stagesRemoved: stagesNow.subtracting(stagesNext).sorted(), stagesAdded: stagesNext.subtracting(stagesNow).sorted(),
            categoriesRemoved: categoriesNow.subtracting(categoriesNext).sorted(), categoriesAdded: categoriesNext.subtracting(categoriesNow).sorted(),
            stranded: stranded, deadlinesMoved: moved, retentionChanged: current.retention != next.retention, installed: false)
    }
}
