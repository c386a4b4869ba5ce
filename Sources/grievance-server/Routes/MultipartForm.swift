import Cases
import Foundation
import Hummingbird
import MultipartParsing
import NIOCore

/// Reads a `multipart/form-data` body as it streams in: text fields into memory (bounded), each
/// file straight into an `AttachmentSealer`, which spools its ciphertext chunk by chunk, so a
/// file is never held whole, and its plaintext never written anywhere. A body, a field, a file
/// or a count of parts over its limit is refused as it arrives, and whatever was spooled is
/// discarded.
struct MultipartForm {
    var fields: [(name: String, value: String)] = []
    var attachments: [SealedAttachment] = []

    private enum Part {
        case field(name: String, bytes: [UInt8])
        case file(AttachmentSealer)
        case skipped
    }

    static func read(
        _ request: Request, contentType: String, within deadline: Duration,
        sealer makeSealer: @escaping (_ name: String, _ type: String) throws -> AttachmentSealer
    ) async throws(APIError) -> MultipartForm {
        let end = BodyDeadlines.from(now: deadline)
        guard let boundary = boundary(in: contentType) else { throw .badRequest("the multipart body names no boundary") }
        if let length = request.headers[.contentLength].flatMap(Int.init), length > APILimits.multipartBodyBytes { throw .tooLarge }
        var form = MultipartForm()
        var headers: [(String, String)] = []
        var part: Part?
        var textBytes = 0
        var parts = 0
        var failure: APIError?
        let parser = MultipartParser(boundary: boundary)
        parser.onHeader = { name, value in headers.append((name.lowercased(), value)) }
        parser.onBody = { buffer in
            guard failure == nil else { return }
            if part == nil { part = Self.begin(headers, form: form, parts: &parts, sealer: makeSealer, failure: &failure) }
            switch part {
            case .field(let name, var bytes):
                textBytes += buffer.readableBytes
                guard textBytes <= APILimits.formBodyBytes else {
                    failure = .tooLarge
                    return
                }
                bytes += buffer.readableBytesView
                part = .field(name: name, bytes: bytes)
            case .file(let sealer):
                do {
                    try sealer.append(buffer.readableBytesView)
                } catch {
                    // Past the limit, the client's mistake; otherwise the spool could not be
                    // written (a full or read-only disk), which is not.
                    failure = (error as? CasesError)?.fieldProblem.map { APIError.fileTooLarge(FieldProblem($0.field, $0.problem)) } ?? .unavailable
                }
            case .skipped, nil:
                break
            }
            buffer.moveReaderIndex(to: buffer.writerIndex)
        }
        parser.onPartComplete = {
            if failure == nil {
                switch part ?? Self.begin(headers, form: form, parts: &parts, sealer: makeSealer, failure: &failure) {
                case .field(let name, let bytes): form.fields.append((name, String(decoding: bytes, as: UTF8.self)))
                case .file(let sealer):
                    do {
                        form.attachments.append(try sealer.finish())
                    } catch {
                        sealer.discard()
                        failure = .unavailable
                    }
                default: break
                }
            } else if case .file(let sealer) = part {
                // Refused while it arrived: its spool file goes now, before the part is forgotten.
                sealer.discard()
            }
            headers = []
            part = nil
        }
        var received = 0
        // The closing delimiter must arrive: a body cut short would otherwise file the report
        // without the file that was being sent, and nobody would know.
        let closing = Array("--\(boundary)--".utf8)
        var tail: [UInt8] = []
        do {
            for try await buffer in request.body {
                guard ContinuousClock.now < end else { throw APIError.requestTimeout }
                received += buffer.readableBytes
                guard received <= APILimits.multipartBodyBytes else { throw APIError.tooLarge }
                // The last bytes seen, sliced (a Sequence's suffix would walk the whole buffer).
                let view = buffer.readableBytesView
                tail.append(contentsOf: view[view.index(view.endIndex, offsetBy: -min(view.count, closing.count + 4))...])
                if tail.count > closing.count + 4 { tail.removeFirst(tail.count - closing.count - 4) }
                try parser.execute(buffer)
                if let failure { throw failure }
                // A buffer already there does not suspend the loop: let other requests run, so
                // that uploads arriving fast cannot hold every thread of the pool between them.
                await Task.yield()
            }
            guard part == nil, tail.firstRange(of: closing) != nil else { throw APIError.badRequest("the multipart body ends before its closing boundary") }
            guard !form.fields.isEmpty || !form.attachments.isEmpty else { throw APIError.badRequest("the multipart body holds no fields") }
        } catch {
            form.discard()
            if case .file(let sealer) = part { sealer.discard() }
            throw error as? APIError ?? .badRequest("the multipart body does not parse")
        }
        return form
    }

    /// Removes the spool files of every file read so far.
    func discard() { attachments.forEach { $0.discard() } }

    /// What a part is, from its Content-Disposition: a file (it has a filename) or a field.
    private static func begin(
        _ headers: [(String, String)], form: MultipartForm, parts: inout Int,
        sealer makeSealer: (String, String) throws -> AttachmentSealer, failure: inout APIError?
    ) -> Part {
        parts += 1
        guard parts <= APILimits.multipartParts else {
            failure = .badRequest("the form has more than \(APILimits.multipartParts) parts")
            return .skipped
        }
        guard let disposition = headers.last(where: { $0.0 == "content-disposition" })?.1,
              let name = parameter("name", in: disposition) else { return .skipped }
        guard let filename = parameter("filename", in: disposition) else { return .field(name: name, bytes: []) }
        // A file input left empty still sends a part, with an empty filename.
        if filename.isEmpty { return .skipped }
        guard name == "attachments" else { return .skipped }
        guard form.attachments.count < AttachmentSealer.maximumCount else {
            failure = .invalid(FieldProblem(.attachments, .tooMany(maximum: AttachmentSealer.maximumCount)))
            return .skipped
        }
        let type = headers.last(where: { $0.0 == "content-type" })?.1 ?? ""
        do {
            return .file(try makeSealer(filename, type))
        } catch {
            failure = .unavailable
            return .skipped
        }
    }

    static func boundary(in contentType: String) -> String? {
        guard let value = parameter("boundary", in: contentType), !value.isEmpty, value.utf8.count <= 70 else { return nil }
        return value
    }

    /// A parameter of a header value: `name="value"` or `name=value`.
    static func parameter(_ name: String, in header: String) -> String? {
        for piece in header.split(separator: ";").dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == name else { continue }
            var value = pair[1].trimmingCharacters(in: .whitespaces)
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            return value.replacingOccurrences(of: "\\\"", with: "\"")
        }
        return nil
    }
}
