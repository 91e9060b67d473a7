import Foundation
import RefineryJSON

extension FunctionLibrary {
    static let textFunctions: [FunctionSpec] = [
        FunctionSpec("lower", 1) { args throws(IMLError) in .string(try args.text(0).lowercased()) },
        FunctionSpec("upper", 1) { args throws(IMLError) in .string(try args.text(0).uppercased()) },
        FunctionSpec("trim", 1) { args throws(IMLError) in .string(String(try args.text(0).trimmingSpaces)) },
        FunctionSpec("capitalize", 1) { args throws(IMLError) in
            let text = try args.text(0)
            guard let first = text.first else { return "" }
            return .string(first.uppercased() + text.dropFirst())
        },
        FunctionSpec("startcase", 1) { args throws(IMLError) in .string(startCase(try args.text(0))) },
        FunctionSpec("length", 1) { args throws(IMLError) in .int(length(args[0])) },
        FunctionSpec("contains", 2) { args throws(IMLError) in try contains(&args) },
        FunctionSpec("indexOf", 2, 3) { args throws(IMLError) in try indexOf(&args) },
        FunctionSpec("substring", 2, 3) { args throws(IMLError) in try substring(&args) },
        FunctionSpec("split", 2) { args throws(IMLError) in
            let text = try args.text(0), separator = try args.text(1)
            if text.isEmpty { return .array([]) }
            if separator.isEmpty { return .array(text.map { .string(String($0)) }) }
            return .array(text.components(separatedBy: separator).map { .string($0) })
        },
        FunctionSpec("replace", 3) { args throws(IMLError) in try replace(&args) },
        FunctionSpec("toString", 1, 2) { args throws(IMLError) in try toText(&args) },
        FunctionSpec("toBinary", 1, 2) { args throws(IMLError) in try toBinary(&args) },
        FunctionSpec("ascii", 1, 2) { args throws(IMLError) in
            var text = try args.text(0)
            if args[1].imlTruthy { text = removingDiacritics(text) }
            return .string(String(String.UnicodeScalarView(text.unicodeScalars.filter { $0.isASCII })))
        },
        FunctionSpec("replaceEmojiCharacters", 1, 2) { args throws(IMLError) in
            let text = try args.text(0), replacement = try args.text(1)
            var result = ""
            for character in text {
                if isEmoji(character) { result += replacement } else { result.append(character) }
            }
            return .string(result)
        },
        FunctionSpec("parseJSON", 1) { args throws(IMLError) in
            do {
                return try JSONValue(parsing: try args.text(0))
            } catch {
                throw .invalidJSON(function: args.function, detail: "\(error)", column: args.column)
            }
        },
        FunctionSpec("createJSON", 1) { args throws(IMLError) in
            guard !IMLLimits.serializesTooLarge(args[0]) else { throw .tooLarge("the result of 'createJSON'", column: args.column) }
            return .string(args[0].serialized())
        },
    ] + encodingFunctions

    /// Every word's first letter upper case, the other letters lower case.
    static func startCase(_ text: String) -> String {
        var result = ""
        var atWordStart = true
        for character in text {
            if character.isWhitespace || character == "-" || character == "_" {
                result.append(character == "\t" || character == "\n" ? character : " ")
                atWordStart = true
            } else {
                result += atWordStart ? character.uppercased() : character.lowercased()
                atWordStart = false
            }
        }
        return result
    }

    /// Characters of text, items of an array, members of an object, bytes of a binary value.
    static func length(_ value: JSONValue) -> Int {
        switch value {
        case .null: 0
        case .string(let text): text.count
        case .array(let items): items.count
        case .object(let object): Binary.bytes(of: value)?.count ?? object.count
        default: value.imlText.count
        }
    }

    static func contains(_ args: inout CallArguments) throws(IMLError) -> JSONValue {
        switch args[0] {
        case .array(let items): return .bool(items.contains { $0.imlEquals(args[1]) })
        case .object(let object): return .bool(object[args[1].imlText] != nil)
        default:
            let text = try args.text(0), search = try args.text(1)
            return .bool(search.isEmpty || text.contains(search))
        }
    }

    static func indexOf(_ args: inout CallArguments) throws(IMLError) -> JSONValue {
        if case .array(let items) = args[0] {
            return .int(items.firstIndex { $0.imlEquals(args[1]) } ?? -1)
        }
        let text = Array(try args.text(0)), search = Array(try args.text(1))
        let start = max(0, try args.optionalInt(2) ?? 0)
        guard start <= text.count else { return -1 }
        if search.isEmpty { return .int(start) }
        guard search.count <= text.count else { return -1 }
        for position in stride(from: start, through: text.count - search.count, by: 1)
        where text[position..<position + search.count].elementsEqual(search) {
            return .int(position)
        }
        return -1
    }

    /// JavaScript's `substring`: 0-based, end excluded, negative means 0, swapped when start > end.
    static func substring(_ args: inout CallArguments) throws(IMLError) -> JSONValue {
        let text = Array(try args.text(0))
        var start = min(max(0, try args.int(1)), text.count)
        var end = min(max(0, try args.optionalInt(2) ?? text.count), text.count)
        if start > end { swap(&start, &end) }
        return .string(String(text[start..<end]))
    }

    static func removingDiacritics(_ text: String) -> String {
        let decomposed = text.decomposedStringWithCanonicalMapping.unicodeScalars
        return String(String.UnicodeScalarView(decomposed.filter { !(0x300...0x36F).contains($0.value) }))
    }

    static func isEmoji(_ character: Character) -> Bool {
        guard let first = character.unicodeScalars.first else { return false }
        let properties = first.properties
        return properties.isEmojiPresentation || (properties.isEmoji && first.value > 0x238C)
            || character.unicodeScalars.contains { $0.value == 0xFE0F }
    }
}
