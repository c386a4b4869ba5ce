import AuditLog
import Foundation
import GrievanceCrypto

/// A person's certificate: a chain of signed links (`CertificateLink`), the first vouched for by
/// the organisation key or an administrator, each later one signed by the keys the link before
/// named (a person rotating their own keys). Stored beside the person's row as text, one
/// `statement` and base64 signature per link.
struct Certificate: Sendable, Hashable {
    let links: [CertificateLink]

    var last: CertificateLink? { links.last }

    var generation: UInt64 { links.last?.generation ?? 0 }

    /// The stored form: each link's statement followed by a line `— <base64 signature>`.
    var serialized: [UInt8] {
        Array(links.map { $0.statement + "— " + Data($0.signature).base64EncodedString() + "\n" }.joined().utf8)
    }

    init(links: [CertificateLink]) { self.links = links }

    /// Reads the stored form; nil when it does not parse.
    init?(serialized bytes: [UInt8]) {
        guard let text = String(validating: bytes, as: UTF8.self) else { return nil }
        var links: [CertificateLink] = []
        var statement = ""
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
            if line.hasPrefix("— ") {
                guard let signature = Data(base64Encoded: String(line.dropFirst(2))).map([UInt8].init), let link = CertificateLink(statement: statement, signature: signature) else { return nil }
                links.append(link)
                statement = ""
            } else {
                statement += line + "\n"
            }
        }
        guard statement.isEmpty, !links.isEmpty else { return nil }
        self.links = links
    }

    /// The chain extended by a link the person signs with their current keys, naming new ones.
    func rotated(to principal: Principal, origin: String, signedWith key: SigningKeyPair) -> Certificate {
        Certificate(links: links + [CertificateLink.sign(principal, origin: origin, generation: generation + 1, issuer: .previous, with: key)])
    }
}

extension Principal {
    /// A short fingerprint of the person's public keys, for the audit log and for people to compare.
    public var keyFingerprint: String {
        String(SHA256.hash(boxPublicKey + signingPublicKey).hex.prefix(32))
    }
}
