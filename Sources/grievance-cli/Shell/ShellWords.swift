/// A line typed at `grievance-cli shell`, split into arguments the way a POSIX shell splits
/// them, so that what works at the prompt works in a terminal and back: blanks separate words;
/// 'single quotes' keep everything literally; "double quotes" keep everything but a backslash
/// before ", \, $ or `; a backslash outside quotes keeps the next character; a word that begins
/// with # begins a comment. Nothing is expanded: no variables, globs or substitutions.
enum ShellWords {
    struct UnclosedQuote: Error, Equatable {
        let quote: Character
    }

    static func split(_ line: String) throws(UnclosedQuote) -> [String] {
        var words: [String] = []
        var word = ""
        // A word can be empty and still be one (''), so whether one is open is kept apart.
        var inWord = false
        var characters = line.makeIterator()
        while let character = characters.next() {
            switch character {
            case " ", "\t", "\n", "\r":
                if inWord { words.append(word) }
                word = ""
                inWord = false
            case "#" where !inWord:
                return words
            case "'":
                inWord = true
                while true {
                    guard let next = characters.next() else { throw UnclosedQuote(quote: "'") }
                    if next == "'" { break }
                    word.append(next)
                }
            case "\"":
                inWord = true
                while true {
                    guard let next = characters.next() else { throw UnclosedQuote(quote: "\"") }
                    if next == "\"" { break }
                    if next == "\\" {
                        guard let escaped = characters.next() else { throw UnclosedQuote(quote: "\"") }
                        if !["\"", "\\", "$", "`"].contains(escaped) { word.append("\\") }
                        word.append(escaped)
                    } else {
                        word.append(next)
                    }
                }
            case "\\":
                inWord = true
                if let escaped = characters.next() { word.append(escaped) }
            default:
                inWord = true
                word.append(character)
            }
        }
        if inWord { words.append(word) }
        return words
    }
}
