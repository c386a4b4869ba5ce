/// What the server needs to start; parsed from the command line by `ServerCommand`.
struct ServerConfiguration: Sendable {
    static let defaultHost = "127.0.0.1"
    static let defaultPort = 8080

    var host = defaultHost
    var port = defaultPort
}
