import Foundation

/// The page a reporter first sees. Until the intake form lands (issue 6) it says plainly that
/// reports cannot be filed here yet and where to turn instead.
enum IntakePage {
    enum Language: String, CaseIterable, Sendable {
        case en, ru, es, fr
    }

    /// The first supported language in an `Accept-Language` header, English otherwise.
    static func language(for acceptLanguage: String?) -> Language {
        guard let acceptLanguage else { return .en }
        for part in acceptLanguage.split(separator: ",") {
            let tag = part.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
            let primary = tag.split(separator: "-").first.map { String($0).lowercased() } ?? ""
            if let language = Language(rawValue: primary) { return language }
        }
        return .en
    }

    static func render(language: Language) -> String {
        let text = texts[language] ?? texts[.en]!
        return """
            <!doctype html>
            <html lang="\(language.rawValue)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(text.title)</title>
            </head>
            <body>
            <main>
            <h1>\(text.title)</h1>
            <p>\(text.notYet)</p>
            <p>\(text.meanwhile)</p>
            </main>
            </body>
            </html>

            """
    }

    private struct Text {
        let title: String
        let notYet: String
        let meanwhile: String
    }

    private static let texts: [Language: Text] = [
        .en: Text(
            title: "Report a concern",
            notYet: "This reporting service is being set up and cannot take reports yet.",
            meanwhile: "If you need help now, please speak to the Code of Conduct handlers at your event or contact the Secretariat."),
        .ru: Text(
            title: "Сообщить о проблеме",
            notYet: "Эта служба приёма сообщений настраивается и пока не принимает сообщения.",
            meanwhile: "Если вам нужна помощь сейчас, обратитесь к ответственным за Кодекс поведения на вашем мероприятии или в Секретариат."),
        .es: Text(
            title: "Informar de un problema",
            notYet: "Este servicio de denuncias se está configurando y todavía no puede recibir denuncias.",
            meanwhile: "Si necesita ayuda ahora, hable con las personas responsables del Código de Conducta en su evento o contacte con la Secretaría."),
        .fr: Text(
            title: "Signaler un problème",
            notYet: "Ce service de signalement est en cours de mise en place et ne peut pas encore recevoir de signalements.",
            meanwhile: "Si vous avez besoin d’aide maintenant, adressez-vous aux personnes chargées du Code de conduite lors de votre événement ou contactez le Secrétariat."),
    ]
}
