/// A catalogue the server cannot start with.
struct CatalogError: Error, CustomStringConvertible {
    let description: String
}
