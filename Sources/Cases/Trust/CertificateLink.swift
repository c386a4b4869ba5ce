import AuditLog
import Foundation
import GrievanceCrypto

/// One signed statement of a person's certificate chain: who they are, what they may do, and
/// the public keys that are theirs, signed by whoever vouches for it (docs/SECURITY.md):
///
///     grievance/certificate/v1
///     origin grievance/0123456789abcdef
///     id amina
///     roles handler,safeguarding-lead
///     disabled no
///     generation 3
///     purpose keys | enrolment
///     box <base64 of 32 bytes>
///     signing <base64 of 32 bytes>
///     issuer organisation | admin rosa | self
///
/// The first line keeps the signature from meaning anything in another protocol; the origin
/// keeps it to one installation. An `enrolment` link is an administrator's ticket: it names the
/// one-time keys an enrolment code derives, and may only begin a chain, never end one.
struct CertificateLink: Sendable, Hashable {
    enum Issuer: Sendable, Hashable {
        /// The organisation key made at `init`: administrators, and whoever the recovery key brings back.
        case organisation
        /// An administrator's own signing key.
        case administrator(String)
        /// The key of the link before: a person's own rotation.
        case previous
    }

    enum Purpose: String, Sendable, Hashable {
        /// The person's own keys: what may be sealed to.
        case keys
        /// A ticket for an enrolment code's one-time keys.
        case enrolment
    }

    let origin: String
    let id: String
    let roles: Set<Role>
    let isDisabled: Bool
    let generation: UInt64
    let purpose: Purpose
    let boxPublicKey: [UInt8]
    let signingPublicKey: [UInt8]
    let issuer: Issuer
    let signature: [UInt8]

    static let header = "grievance/certificate/v1"

    /// What is signed.
    var statement: String {
        let issuerText = switch issuer {
        case .organisation: "organisation"
        case .administrator(let id): "admin \(id)"
        case .previous: "self"
        }
        return """
            \(Self.header)
            origin \(origin)
            id \(id)
            roles \(roles.sorted().map(\.rawValue).joined(separator: ","))
            disabled \(isDisabled ? "yes" : "no")
            generation \(generation)
            purpose \(purpose.rawValue)
            box \(Data(boxPublicKey).base64EncodedString())
            signing \(Data(signingPublicKey).base64EncodedString())
            issuer \(issuerText)

            """
    }

    /// Signs the record of `principal` at `generation`.
    static func sign(_ principal: Principal, origin: String, generation: UInt64, purpose: Purpose = .keys, issuer: Issuer,
                     with key: SigningKeyPair) -> CertificateLink {
        let unsigned = CertificateLink(origin: origin, id: principal.id, roles: principal.roles, isDisabled: principal.isDisabled,
                                       generation: generation, purpose: purpose, boxPublicKey: principal.boxPublicKey,
                                       signingPublicKey: principal.signingPublicKey, issuer: issuer, signature: [])
        return unsigned.with(signature: key.sign(Array(unsigned.statement.utf8)))
    }

    func with(signature: [UInt8]) -> CertificateLink {
        CertificateLink(origin: origin, id: id, roles: roles, isDisabled: isDisabled, generation: generation, purpose: purpose,
                        boxPublicKey: boxPublicKey, signingPublicKey: signingPublicKey, issuer: issuer, signature: signature)
    }

    func isSigned(by key: SigningPublicKey) -> Bool {
        key.isValidSignature(signature, for: Array(statement.utf8))
    }

    /// Reads a statement back; nil for anything that is not exactly what `statement` writes.
    init?(statement text: String, signature: [UInt8]) {
        var fields: [String: String] = [:]
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count == 11, lines[0] == Self.header, lines[10].isEmpty else { return nil }
        for line in lines[1..<10] {
            guard let space = line.firstIndex(of: " ") else { return nil }
            fields[String(line[..<space])] = String(line[line.index(after: space)...])
        }
        guard let origin = fields["origin"], let id = fields["id"], let rolesText = fields["roles"], let disabled = fields["disabled"],
              let generationText = fields["generation"], let generation = UInt64(generationText),
              let box = fields["box"].flatMap({ Data(base64Encoded: $0).map([UInt8].init) }), box.count == 32,
              let signing = fields["signing"].flatMap({ Data(base64Encoded: $0).map([UInt8].init) }), signing.count == 32,
              let issuerText = fields["issuer"], disabled == "yes" || disabled == "no",
              let purpose = fields["purpose"].flatMap(Purpose.init(rawValue:))
        else { return nil }
        let roles = rolesText.split(separator: ",").compactMap { Role(rawValue: String($0)) }
        guard roles.count == rolesText.split(separator: ",").count else { return nil }
        let issuer: Issuer
        switch issuerText {
        case "organisation": issuer = .organisation
        case "self": issuer = .previous
        case let admin where admin.hasPrefix("admin "): issuer = .administrator(String(admin.dropFirst(6)))
        default: return nil
        }
        self.init(origin: origin, id: id, roles: Set(roles), isDisabled: disabled == "yes", generation: generation, purpose: purpose,
                  boxPublicKey: box, signingPublicKey: signing, issuer: issuer, signature: signature)
        guard statement == text else { return nil }
    }

    init(origin: String, id: String, roles: Set<Role>, isDisabled: Bool, generation: UInt64, purpose: Purpose, boxPublicKey: [UInt8],
         signingPublicKey: [UInt8], issuer: Issuer, signature: [UInt8]) {
        self.origin = origin
        self.id = id
        self.roles = roles
        self.isDisabled = isDisabled
        self.generation = generation
        self.purpose = purpose
        self.boxPublicKey = boxPublicKey
        self.signingPublicKey = signingPublicKey
        self.issuer = issuer
        self.signature = signature
    }

    /// Whether this link says what `principal`'s row says.
    func describes(_ principal: Principal) -> Bool {
        id == principal.id && roles == principal.roles && isDisabled == principal.isDisabled && boxPublicKey == principal.boxPublicKey
            && signingPublicKey == principal.signingPublicKey
    }
}
