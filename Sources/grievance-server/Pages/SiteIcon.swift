/// The site's icon: a plain speech bubble, drawn here so nothing is fetched from elsewhere.
enum SiteIcon {
    static let svg = """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><path fill="#0b4f9c" d="M4 4h24v18H13l-7 6v-6H4z"/></svg>
        """
}
