import Cases
import Foundation
import HTTPTypes
import Hummingbird

/// A JSON answer of the API, written by Cases' one encoder.
enum JSONResponse {
    static func make(_ status: HTTPResponse.Status, _ value: some Encodable) throws -> Response {
        Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(bytes: try CasesJSON.encode(value, pretty: false))))
    }
}
