/// HTML character references: `&amp;`, `&#233;`, `&#x1F600;` and the named ones text and email HTML
/// use. An unknown or unterminated reference stays as written, as browsers leave it.
enum HTMLEntities {
    static let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{00A0}", "shy": "\u{00AD}",
        "copy": "©", "reg": "®", "trade": "™", "hellip": "…", "mdash": "—", "ndash": "–", "bull": "•",
        "middot": "·", "lsquo": "‘", "rsquo": "’", "sbquo": "‚", "ldquo": "“", "rdquo": "”", "bdquo": "„",
        "laquo": "«", "raquo": "»", "lsaquo": "‹", "rsaquo": "›", "euro": "€", "pound": "£", "yen": "¥",
        "cent": "¢", "sect": "§", "para": "¶", "deg": "°", "plusmn": "±", "times": "×", "divide": "÷",
        "micro": "µ", "iexcl": "¡", "iquest": "¿", "ordf": "ª", "ordm": "º", "frac12": "½", "frac14": "¼",
        "frac34": "¾", "sup1": "¹", "sup2": "²", "sup3": "³", "dagger": "†", "Dagger": "‡", "permil": "‰",
        "prime": "′", "larr": "←", "rarr": "→", "uarr": "↑", "darr": "↓", "hearts": "♥", "check": "✓",
        "ensp": "\u{2002}", "emsp": "\u{2003}", "thinsp": "\u{2009}", "zwnj": "\u{200C}", "zwj": "\u{200D}",
        "aacute": "á", "Aacute": "Á", "agrave": "à", "Agrave": "À", "acirc": "â", "Acirc": "Â", "auml": "ä",
        "Auml": "Ä", "atilde": "ã", "aring": "å", "aelig": "æ", "ccedil": "ç", "Ccedil": "Ç", "eacute": "é",
        "Eacute": "É", "egrave": "è", "Egrave": "È", "ecirc": "ê", "euml": "ë", "iacute": "í", "Iacute": "Í",
        "igrave": "ì", "icirc": "î", "iuml": "ï", "ntilde": "ñ", "Ntilde": "Ñ", "oacute": "ó", "Oacute": "Ó",
        "ograve": "ò", "ocirc": "ô", "ouml": "ö", "Ouml": "Ö", "otilde": "õ", "oslash": "ø", "Oslash": "Ø",
        "szlig": "ß", "uacute": "ú", "Uacute": "Ú", "ugrave": "ù", "ucirc": "û", "uuml": "ü", "Uuml": "Ü",
        "yacute": "ý", "yuml": "ÿ", "scaron": "š", "Scaron": "Š", "zcaron": "ž", "Zcaron": "Ž",
    ]

    /// `text` with its character references decoded.
    static func decode(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var result = ""
        var rest = Substring(text)
        while let ampersand = rest.firstIndex(of: "&") {
            result += rest[..<ampersand]
            rest = rest[ampersand...]
            if let (decoded, length) = reference(at: rest) {
                result += decoded
                rest = rest.dropFirst(length)
            } else {
                result.append("&")
                rest = rest.dropFirst()
            }
        }
        return result + rest
    }

    /// The reference that `text` (starting at `&`) begins with, and how many characters it takes.
    private static func reference(at text: Substring) -> (String, Int)? {
        let body = text.dropFirst().prefix(33)
        guard let semicolon = body.firstIndex(of: ";") else { return nil }
        let name = body[..<semicolon]
        let length = name.count + 2
        if name.hasPrefix("#") {
            let digits = name.dropFirst()
            let hex = digits.first == "x" || digits.first == "X"
            guard let value = UInt32(hex ? String(digits.dropFirst()) : String(digits), radix: hex ? 16 : 10),
                  value != 0, let scalar = Unicode.Scalar(value) else { return nil }
            return (String(Character(scalar)), length)
        }
        return named[String(name)].map { ($0, length) }
    }
}
