#if GRIEVANCE_FUZZ
import Cases
import Dispatch
import Foundation
import FuzzingSupport
import HTTPTypes
import Hummingbird
import NIOCore

/// What a client's bytes meet before Cases does: a urlencoded form, a JSON complaint, a
/// multipart form with files streamed in chunks of any size, a receipt. Every refusal must be the
/// client's to fix — a 4xx with a message — and a multipart form, accepted or not, must leave no
/// spool file behind. Files are sealed into the spool of the data directory GRIEVANCE_DATA_DIR
/// names (`scripts/fuzz` makes one); nothing is filed.
enum ServerFuzzTargets {
    static let all: [String: FuzzDriver.Target] = [
        "form": { bytes in
            refusedAsItShould { () throws(APIError) in
                _ = try ComplaintSubmission(form: FormDecoding.pairs(String(decoding: bytes, as: UTF8.self))).intake()
            }
        },
        "complaint": { bytes in
            refusedAsItShould { () throws(APIError) in
                _ = try ComplaintSubmission(json: RequestBodies.object(fromJSON: Data(bytes))).intake()
            }
        },
        "receipt": { bytes in
            _ = try? Receipt(parsing: String(decoding: bytes, as: UTF8.self))
        },
        "multipart": multipart,
    ]

    static let boundary = "fuzz-boundary"

    /// The first byte sets the size of the chunks the body arrives in (1 to 256 bytes), so that
    /// a boundary, a header or a closing delimiter is split at every place across reads.
    static let multipart: FuzzDriver.Target = { bytes in
        guard let first = bytes.first else { return }
        let chunk = Int(first) + 1
        var chunks: [ByteBuffer] = []
        var offset = 1
        while offset < bytes.count {
            chunks.append(ByteBuffer(bytes: bytes[offset..<min(offset + chunk, bytes.count)]))
            offset += chunk
        }
        let request = Request(
            head: HTTPRequest(method: .post, scheme: "http", authority: "127.0.0.1", path: "/report"),
            body: RequestBody(asyncSequence: chunks.async))
        let desk = Self.desk
        let done = DispatchSemaphore(value: 0)
        Task {
            defer { done.signal() }
            await refusedAsItShould(async: {
                let form = try await MultipartForm.read(request, contentType: "multipart/form-data; boundary=\(boundary)",
                                                        within: .seconds(60)) { name, type in
                    try desk.attachmentSealer(name: name, contentType: type)
                }
                form.discard()
            })
        }
        done.wait()
        let left = (try? FileManager.default.contentsOfDirectory(atPath: spool.path)) ?? []
        precondition(left.isEmpty, "a multipart form left \(left.count) spool files behind")
    }

    static let dataDirectory: DataDirectory = {
        guard let path = ProcessInfo.processInfo.environment["GRIEVANCE_DATA_DIR"] else {
            fatalError("GRIEVANCE_DATA_DIR must name a data directory made by grievance-cli init")
        }
        return DataDirectory(path: path)
    }()
    static let desk: IntakeDesk = try! dataDirectory.openIntakeDesk()
    static let spool = dataDirectory.url.appendingPathComponent("spool")

    /// Runs `body`; a refusal must be a client error, never the server's.
    private static func refusedAsItShould(_ body: () throws(APIError) -> Void) {
        do { try body() } catch { precondition(error.status.code < 500, "a client's bytes gave \(error.status.code): \(error)") }
    }

    private static func refusedAsItShould(async body: () async throws -> Void) async {
        do {
            try await body()
        } catch let error as APIError {
            precondition(error.status.code < 500, "a client's bytes gave \(error.status.code): \(error)")
        } catch {
            preconditionFailure("a client's bytes gave an error that is no answer: \(error)")
        }
    }
}

/// A fixed list of chunks as the async sequence a request body is.
private extension Array where Element == ByteBuffer {
    var async: AsyncStream<ByteBuffer> {
        AsyncStream { continuation in
            forEach { continuation.yield($0) }
            continuation.finish()
        }
    }
}
#endif
