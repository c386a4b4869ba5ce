import Foundation

extension Language {
    /// The language to answer in for an `Accept-Language` header (RFC 9110, section 12.5.4):
    /// the supported language with the highest quality value, the one named first on a tie. A
    /// tag matches by its primary subtag, so `pt-BR` gives Portuguese and `uz-Cyrl` Uzbek; of
    /// several tags of one language the best quality counts; `q=0` on all of them refuses it;
    /// `*` gives its quality to every language not named, English first. Nil when nothing the
    /// header accepts is spoken here.
    public static func negotiate(_ acceptLanguage: String?) -> Language? {
        guard let acceptLanguage else { return nil }
        var qualities: [(language: Language, quality: Double)] = []
        var wildcard: Double?
        for part in acceptLanguage.split(separator: ",") {
            let fields = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = fields.first?.lowercased(), !tag.isEmpty else { continue }
            let quality = fields.dropFirst().compactMap(Self.quality).first ?? 1
            if tag == "*" {
                wildcard = wildcard ?? quality
            } else if let primary = tag.split(separator: "-").first, let language = Language(rawValue: String(primary)) {
                // Several tags of one language (pt-BR;q=0, pt): the best of them counts.
                if let index = qualities.firstIndex(where: { $0.language == language }) {
                    qualities[index].quality = max(qualities[index].quality, quality)
                } else {
                    qualities.append((language, quality))
                }
            }
        }
        if let wildcard {
            qualities += Language.allCases.filter { language in !qualities.contains { $0.language == language } }.map { ($0, wildcard) }
        }
        var best: (language: Language, quality: Double)?
        for candidate in qualities where candidate.quality > 0 && candidate.quality > (best?.quality ?? 0) { best = candidate }
        return best?.language
    }

    /// The value of a `q=` parameter, when the parameter is one.
    private static func quality(_ parameter: String) -> Double? {
        let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        guard pair.count == 2, pair[0].lowercased() == "q", let value = Double(pair[1]), (0...1).contains(value) else { return nil }
        return value
    }
}
