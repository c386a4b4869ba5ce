import Cases
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import grievance_server

@Suite("The form with attachments: multipart, streamed into ciphertext, bounded")
struct AttachmentUploadTests {
    static let boundary = "----grievance-test-boundary"

    /// A multipart body: text fields, then files as (field name, filename, type, bytes).
    static func multipart(_ fields: [(String, String)], files: [(String, String, String, [UInt8])]) -> ByteBuffer {
        var body = ByteBuffer()
        for (name, value) in fields {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
        }
        for (name, filename, type, bytes) in files {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"; filename=\"\(filename)\"\r\nContent-Type: \(type)\r\n\r\n")
            body.writeBytes(bytes)
            body.writeString("\r\n")
        }
        body.writeString("--\(boundary)--\r\n")
        return body
    }

    static func post(_ client: some TestClientProtocol, _ body: ByteBuffer) async throws -> TestResponse {
        try await client.execute(uri: "/complaints", method: .post, headers: [.contentType: "multipart/form-data; boundary=\(boundary)"], body: body)
    }

    static let fields = [("language", "en"), ("category", "harassment"), ("description", "with files")]

    @Test("two files arrive with the report, byte for byte, and an empty file input is ignored")
    func upload() async throws {
        let f = try ServerFixture()
        let marker = "UPLOAD-\(UUID().uuidString)"
        let photo = Array("\(marker) photo".utf8) + (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        let note = Array("\(marker) note".utf8)
        let reference = try await f.app().test(.router) { client in
            let response = try await Self.post(client, Self.multipart(Self.fields, files: [
                ("attachments", "IMG_0001.jpg", "image/jpeg", photo), ("attachments", "", "application/octet-stream", []),
                ("attachments", "C:\\Users\\me\\note.txt", "text/plain", note),
            ]))
            #expect(response.status == .created, "\(response.text.prefix(300))")
            return try CaseReference(parsing: String(response.text.firstMatch(of: /GRV-[0-9A-Z]{8}/)?.0 ?? ""))
        }
        let amina = f.unlock("amina")
        let view = try f.casework.show(reference, as: amina)
        #expect(view.attachments.map(\.info.name) == ["IMG_0001.jpg", "note.txt"])
        #expect(view.attachments.map(\.info.contentType) == ["image/jpeg", "text/plain"])
        var read: [UInt8] = []
        try f.casework.readAttachment(reference, sequence: view.attachments[0].sequence, as: amina) { read += $0 }
        #expect(read == photo)
        #expect(try Self.spooled(f).isEmpty, "a filed upload left its ciphertext in the spool")
        for (name, bytes) in try f.filesOnDisk() { #expect(bytes.range(of: Data(marker.utf8)) == nil, "\(marker) in \(name)") }
        #expect(!f.logs.all.contains(marker))
        await f.remove()
    }

    @Test("a file over 10 MB is refused with 413 as it arrives; six files with 422; nothing is filed")
    func limits() async throws {
        let f = try ServerFixture()
        try await f.app().test(.router) { client in
            let big = [UInt8](repeating: 0x41, count: AttachmentSealer.maximumBytes + 1)
            var response = try await Self.post(client, Self.multipart(Self.fields, files: [("attachments", "big.bin", "application/octet-stream", big)]))
            #expect(response.status == .contentTooLarge)
            let six = (0..<6).map { ("attachments", "f\($0).txt", "text/plain", [UInt8]("file \($0)".utf8)) }
            response = try await Self.post(client, Self.multipart(Self.fields, files: six))
            #expect(response.status == .unprocessableContent)
            let longText = [("description", String(repeating: "x", count: APILimits.formBodyBytes + 1))]
            response = try await Self.post(client, Self.multipart(longText, files: []))
            #expect(response.status == .contentTooLarge)
            // A body of thousands of empty parts is refused, not listed.
            let empty = (0..<5000).map { ("p\($0)", "") }
            response = try await Self.post(client, Self.multipart(Self.fields + empty, files: []))
            #expect(response.status == .badRequest)
            #expect(response.text.contains("more than \(APILimits.multipartParts) parts"))
        }
        #expect(try f.casework.list(for: f.unlock("amina")).isEmpty)
        // Whatever was refused left nothing in the spool.
        #expect(try Self.spooled(f).isEmpty)
        await f.remove()
    }

    static func spooled(_ f: ServerFixture) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: f.cases.dataDirectory.appendingPathComponent("spool").path)
    }

    @Test("malformed multipart: no boundary, a body that is not multipart, a cut-off body — 400, never 5xx")
    func malformed() async throws {
        let f = try ServerFixture()
        try await f.app().test(.router) { client in
            var response = try await client.execute(uri: "/complaints", method: .post, headers: [.contentType: "multipart/form-data"],
                                                    body: ByteBuffer(string: "x"))
            #expect(response.status == .badRequest)
            response = try await Self.post(client, ByteBuffer(string: "category=harassment&description=x"))
            #expect(response.status == .badRequest)
            var whole = Self.multipart(Self.fields, files: [("attachments", "a.txt", "text/plain", Array("abc".utf8))])
            let cut = whole.readSlice(length: whole.readableBytes - 30)!
            response = try await Self.post(client, cut)
            #expect(response.status.code < 500)
            #expect(response.status != .created)
        }
        await f.remove()
    }

    /// multipart-kit 4.7.1 indexed a 128-entry table with each byte of a part's header name, and
    /// one byte past ASCII ended the process (found by scripts/fuzz; fixed in Sources/MultipartParsing).
    @Test("a byte past ASCII in a part's header name is refused with 400, whatever the byte, and the server goes on")
    func headerNamePastASCII() async throws {
        let f = try ServerFixture()
        try await f.app().test(.router) { client in
            for byte: UInt8 in [0x80, 0xAD, 0xD0, 0xFF] {
                var body = ByteBuffer(string: "--\(Self.boundary)\r\nContent")
                body.writeInteger(byte)
                body.writeString("Disposition: form-data; name=\"category\"\r\n\r\nharassment\r\n--\(Self.boundary)--\r\n")
                let response = try await Self.post(client, body)
                #expect(response.status == .badRequest, "byte \(byte)")
            }
            // A name in UTF-8 inside a header's value is no header name: that form is read and filed.
            let response = try await Self.post(client, Self.multipart(Self.fields, files: [("attachments", "фото.jpg", "image/jpeg", [1, 2, 3])]))
            #expect(response.status == .created)
        }
        #expect(try f.casework.list(for: f.unlock("amina")).count == 1)
        await f.remove()
    }
}
