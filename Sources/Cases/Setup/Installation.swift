import Foundation
import GrievanceCrypto

/// An opened data directory: its configuration, its database and the service over them.
public struct Installation: Sendable {
    public let directory: DataDirectory
    public let configuration: InstallationConfiguration
    public let storage: SQLiteCaseStorage
    public let service: CaseService
}
