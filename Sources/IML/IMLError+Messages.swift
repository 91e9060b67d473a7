import RefineryJSON

/// Every message of the IML layer, in one place. Messages start lowercase and quote the user's tokens.
extension IMLError {
    static func unterminatedTemplate(_ column: Int) -> IMLError {
        IMLError(
            code: "iml.unterminated-template", message: "unterminated '{{': expected '}}'", column: column,
            notes: ["to write '{{' as text, use {{'{{'}}"]
        )
    }

    static func unterminatedString(_ column: Int) -> IMLError {
        IMLError(code: "iml.unterminated-string", message: "unterminated string literal", column: column)
    }

    static func unexpectedToken(_ token: String, expected: String, column: Int) -> IMLError {
        IMLError(
            code: "iml.unexpected-token", message: "unexpected '\(token)'; expected \(expected)", column: column
        )
    }

    static func unexpectedEnd(expected: String, column: Int) -> IMLError {
        IMLError(
            code: "iml.unexpected-end", message: "the expression ends too early; expected \(expected)",
            column: column
        )
    }

    static func emptyExpression(_ column: Int) -> IMLError {
        IMLError(code: "iml.empty-expression", message: "empty expression '{{}}'", column: column)
    }

    static func invalidCharacter(_ character: Unicode.Scalar, column: Int) -> IMLError {
        IMLError(
            code: "iml.invalid-character", message: "unexpected character '\(character)' in an expression",
            column: column
        )
    }

    static func unknownFunction(_ name: String, suggestion: String?, column: Int) -> IMLError {
        var message = "unknown function '\(name)'"
        if let suggestion { message += "; did you mean '\(suggestion)'?" }
        return IMLError(code: "iml.unknown-function", message: message, column: column)
    }

    static func wrongArity(_ name: String, minimum: Int, maximum: Int, got: Int, column: Int) -> IMLError {
        let expected: String
        if minimum == maximum {
            expected = "\(minimum) argument" + (minimum == 1 ? "" : "s")
        } else if maximum == Int.max {
            expected = "at least \(minimum) argument" + (minimum == 1 ? "" : "s")
        } else {
            expected = "\(minimum) to \(maximum) arguments"
        }
        return IMLError(
            code: "iml.wrong-arity", message: "'\(name)' takes \(expected), got \(got)", column: column
        )
    }

    static func operandType(_ symbol: String, _ left: JSONValue, _ right: JSONValue, column: Int) -> IMLError {
        IMLError(
            code: "iml.type-mismatch",
            message: "cannot apply '\(symbol)' to \(left.typeName) and \(right.typeName)", column: column
        )
    }

    static func divisionByZero(_ column: Int) -> IMLError {
        IMLError(code: "iml.division-by-zero", message: "division by zero", column: column)
    }

    static func integerOverflow(_ symbol: String, column: Int) -> IMLError {
        IMLError(
            code: "iml.integer-overflow", message: "integer overflow in '\(symbol)' (beyond 64-bit integers)",
            column: column
        )
    }

    static func argumentType(
        function: String, position: Int, expected: String, got value: JSONValue, column: Int
    ) -> IMLError {
        IMLError(
            code: "iml.argument-type",
            message: "argument \(position) of '\(function)' must be \(expected), got \(value.typeName)",
            column: column
        )
    }

    static func invalidArgument(function: String, position: Int, _ detail: String, column: Int) -> IMLError {
        IMLError(
            code: "iml.invalid-argument", message: "argument \(position) of '\(function)': \(detail)",
            column: column
        )
    }

    static func invalidDate(function: String, text: String, column: Int) -> IMLError {
        IMLError(
            code: "iml.invalid-date", message: "'\(function)' cannot read '\(text)' as a date", column: column,
            notes: ["dates are ISO 8601 text (2024-03-01T12:00:00Z) or milliseconds since 1970"]
        )
    }

    static func unknownTimeZone(function: String, name: String, column: Int) -> IMLError {
        IMLError(
            code: "iml.unknown-time-zone", message: "'\(function)': unknown time zone '\(name)'",
            column: column, notes: ["use an IANA name such as 'Europe/Prague' or 'UTC'"]
        )
    }

    static func invalidRegex(function: String, pattern: String, column: Int) -> IMLError {
        IMLError(
            code: "iml.invalid-regex", message: "'\(function)': invalid regular expression '\(pattern)'",
            column: column
        )
    }

    static func invalidJSON(function: String, detail: String, column: Int) -> IMLError {
        IMLError(code: "iml.invalid-json", message: "'\(function)': \(detail)", column: column)
    }

    static func tooDeep(limit: Int, column: Int) -> IMLError {
        IMLError(
            code: "iml.too-deep", message: "the expression nests more than \(limit) levels deep", column: column,
            notes: ["parentheses, function calls, '[ ]', '!' and unary '-' each add a level"]
        )
    }

    static func tooManyOperators(limit: Int, column: Int) -> IMLError {
        IMLError(
            code: "iml.too-many-operators", message: "the expression has more than \(limit) operators", column: column,
            notes: ["split it into several fields or '{{ }}' parts"]
        )
    }

    static func regexTooComplex(function: String, pattern: String, column: Int) -> IMLError {
        IMLError(
            code: "iml.regex-too-complex",
            message: "'\(function)': the regular expression '\(pattern)' needs too many steps on this text", column: column,
            notes: ["nested repetition such as (a+)+ backtracks exponentially; simplify the pattern"]
        )
    }

    static func tooLarge(_ what: String, column: Int) -> IMLError {
        IMLError(
            code: "iml.too-large",
            message: "\(what) would be larger than an evaluation may build (texts up to 16 MiB, up to 1,000,000 items, 256 MiB in all)",
            column: column, notes: ["a nested replace or join multiplies its text at every level; build less, or split the work across modules"]
        )
    }
}
