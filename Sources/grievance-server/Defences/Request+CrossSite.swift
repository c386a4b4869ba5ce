import HTTPTypes
import Hummingbird

extension Request {
    /// Whether the browser says another site sent this request (Fetch Metadata's
    /// `Sec-Fetch-Site`): a page elsewhere that posts to the form. The form shows such a request
    /// none of its values back, so that no other site can hand a reporter the real form already
    /// filled in its way (an ally's colleagues excluded, its own address as the contact). A client
    /// that sends no such header (an older browser, a script) is taken as it comes.
    var comesFromAnotherSite: Bool {
        guard let site = headers[Self.fetchSite] else { return false }
        return site != "same-origin" && site != "none"
    }

    private static let fetchSite = HTTPField.Name("Sec-Fetch-Site")!
}
