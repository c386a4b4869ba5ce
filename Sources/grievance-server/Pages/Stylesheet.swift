/// The one stylesheet: readable on a small phone, WCAG 2.1 AA contrast (text #1a1a1a on white
/// is 17:1; links #0b4f9c 8:1; errors #a4001d 7.5:1), visible focus, large touch targets.
/// Only logical properties (inline-start, not left), so a right-to-left page mirrors by itself.
/// No font files: system font stacks that reach Devanagari, Bengali, Thai, Arabic script and
/// Cyrillic on Windows, macOS, Android and Linux; Urdu asks for Nastaliq first, which needs
/// more room between lines.
enum Stylesheet {
    static let css = """
        *{box-sizing:border-box}
        :root{--text:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans Devanagari","Noto Sans Bengali","Noto Sans Thai","Noto Sans Arabic","Nirmala UI","Leelawadee UI","Kohinoor Devanagari","Kohinoor Bangla",Thonburi,"Geeza Pro",Tahoma,"DejaVu Sans",sans-serif;--script:var(--text);--leading:1.55}
        html:lang(ar){--script:"Noto Naskh Arabic","Noto Sans Arabic","Segoe UI","Geeza Pro",Tahoma,var(--text)}
        html:lang(ur){--script:"Noto Nastaliq Urdu","Jameel Noori Nastaleeq","Urdu Typesetting","Noto Naskh Arabic","Segoe UI",Tahoma,var(--text);--leading:2.1}
        html:lang(th){--leading:1.7}
        body{margin:0 auto;max-width:42rem;padding:1rem;font:1.0625rem/var(--leading) var(--script);color:#1a1a1a;background:#fff}
        [dir=ltr]{font-family:var(--text)}
        a{color:#0b4f9c}
        a:focus,button:focus,input:focus,select:focus,textarea:focus,summary:focus{outline:3px solid #e8a200;outline-offset:2px}
        .skip{position:absolute;inset-inline-start:-999px}.skip:focus{inset-inline-start:1rem;inset-block-start:1rem;background:#fff;padding:.5rem}
        .languages{list-style:none;display:flex;flex-wrap:wrap;gap:.4rem 1rem;padding:0;margin:0 0 1rem}.languages form{display:inline}
        button.secondary{background:#fff;color:#0b4f9c;border:2px solid #0b4f9c;font-weight:400;margin-block-start:.5rem}.keep{margin-block-start:2.5rem}
        button.link{background:none;color:#0b4f9c;text-decoration:underline;padding:0;min-height:0;font-weight:400;border-radius:0}
        h1{font-size:1.6rem;line-height:1.25}
        fieldset{border:1px solid #8a8a8a;border-radius:6px;margin:1.25rem 0;padding:.75rem 1rem}
        fieldset.inner{border:0;padding:0;margin:.5rem 0}
        legend{font-weight:700;padding:0 .25rem}
        .field{margin:.9rem 0}
        label{display:block;font-weight:600;margin-bottom:.25rem}
        .check{display:flex;gap:.5rem;align-items:flex-start;margin:.5rem 0}.check label{font-weight:400;margin:0}
        .check input{width:1.4rem;height:1.4rem;margin:.1rem 0 0;flex:none}
        input[type=text],select,textarea{width:100%;font:inherit;padding:.55rem;border:2px solid #5a5a5a;border-radius:4px;background:#fff;color:#1a1a1a}
        [aria-invalid=true]{border-color:#a4001d}
        .hint{color:#4a4a4a;margin:.1rem 0 .35rem;font-size:.95rem}
        .error{color:#a4001d;font-weight:600;margin:.1rem 0 .35rem}
        .errors{border:3px solid #a4001d;padding:.5rem 1rem;margin:1rem 0;border-radius:6px}
        .danger{border-inline-start:4px solid #a4001d;padding-inline-start:.75rem}.notice{border-inline-start:4px solid #0b4f9c;padding-inline-start:.75rem}
        button{font:inherit;font-weight:700;padding:.75rem 1.5rem;border:0;border-radius:6px;background:#0b4f9c;color:#fff;cursor:pointer;min-height:44px}
        .receipt{font-size:clamp(1rem,5.8vw,2rem);letter-spacing:.02em;white-space:nowrap;font-family:ui-monospace,Menlo,Consolas,monospace;background:#f2f2f2;padding:1rem;text-align:center;border-radius:6px}
        .messages{list-style:none;padding:0}.messages li{border:1px solid #8a8a8a;border-radius:6px;padding:.5rem 1rem;margin:.75rem 0}
        .messages .mine{background:#f2f6fb}.meta{color:#4a4a4a;font-size:.9rem;margin:0}
        .stage{font-size:1.25rem;font-weight:700}
        details.coc{margin:2rem 0}summary{cursor:pointer;font-weight:700}
        """
}
