extension ConnectionState {
    /// The startup message, authentication, and the server's parameters up to the first `ReadyForQuery`.
    mutating func start() throws(PostgresError) {
        let deadline = Self.deadline(in: configuration.connectTimeout)
        try send(FrontendMessage.startup(user: configuration.user, database: configuration.database))
        var scram: SCRAMClient?
        var scramVerified = false
        while true {
            let message: BackendMessage
            do {
                message = try receive(before: deadline, operation: "connecting")
            } catch .timeout {
                throw .timeout("connecting: the server did not finish the startup within \(configuration.connectTimeout) s")
            }
            switch message {
            case .authentication(.ok):
                guard scram == nil || scramVerified else { throw markBroken(.authentication("the server skipped the SCRAM verification")) }
            case .authentication(.saslFinal(let data)):
                guard let client = scram else { throw markBroken(.protocolViolation("SASL final message without a SASL exchange")) }
                do { try client.verify(serverFinal: String(decoding: data, as: UTF8.self)) } catch { throw markBroken(error) }
                scramVerified = true
            case .authentication(let request):
                try answer(request, scram: &scram)
            case .backendKeyData(let processId, _):
                self.processId = processId
            case .negotiateProtocolVersion:
                continue
            case .error(let fields):
                throw markBroken(Self.startupError(fields))
            case .readyForQuery(let status):
                transactionStatus = status
                return
            default:
                throw markBroken(.protocolViolation("unexpected message during the startup"))
            }
        }
    }

    private mutating func answer(_ request: AuthenticationRequest, scram: inout SCRAMClient?) throws(PostgresError) {
        switch request {
        case .cleartextPassword:
            try send(FrontendMessage.password(try requirePassword()))
        case .md5Password(let salt):
            try send(FrontendMessage.password(MD5Password.response(user: configuration.user, password: try requirePassword(), salt: salt)))
        case .sasl(let mechanisms):
            guard mechanisms.contains(SCRAMClient.mechanism) else {
                throw markBroken(.authentication("the server offers \(mechanisms.joined(separator: ", ")); the client speaks SCRAM-SHA-256"))
            }
            let client = SCRAMClient(password: try requirePassword())
            scram = client
            try send(FrontendMessage.saslInitialResponse(mechanism: SCRAMClient.mechanism, data: Array(client.clientFirst.utf8)))
        case .saslContinue(let data):
            guard var client = scram else { throw markBroken(.protocolViolation("SASL continue message without a SASL exchange")) }
            let final: String
            do { final = try client.clientFinal(serverFirst: String(decoding: data, as: UTF8.self)) } catch { throw markBroken(error) }
            scram = client
            try send(FrontendMessage.saslResponse(Array(final.utf8)))
        case .unsupported(let code):
            throw markBroken(.authentication("the server asks for an authentication method the client does not support (code \(code))"))
        case .ok, .saslFinal:
            preconditionFailure("handled by start()")
        }
    }

    private mutating func requirePassword() throws(PostgresError) -> String {
        guard let password = configuration.password else {
            throw markBroken(.authentication("the server asks for a password and none is configured (URL or PGPASSWORD)"))
        }
        return password
    }

    /// Authentication failures (SQLSTATE class 28) become `.authentication`; a server that only accepts
    /// TLS (`hostssl` lines) gets a message that says so.
    private static func startupError(_ fields: ServerErrorFields) -> PostgresError {
        if fields.sqlState.hasPrefix("28") {
            if fields.message.contains("no encryption") || fields.message.contains("SSL") {
                return .connection("the server requires TLS (SSL), which this client does not support: \(fields.message)")
            }
            return .authentication("\(fields.message) [\(fields.sqlState)]")
        }
        return fields.error
    }
}
