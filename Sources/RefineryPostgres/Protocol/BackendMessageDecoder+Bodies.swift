extension BackendMessageDecoder {
    static func decode(type: UInt8, body: ArraySlice<UInt8>) throws(PostgresError) -> BackendMessage {
        var reader = MessageReader(body)
        let message = try decode(type: type, reader: &reader)
        guard reader.isAtEnd else {
            throw .protocolViolation("message '\(name(type))' has \(reader.remaining) bytes after its fields")
        }
        return message
    }

    private static func decode(type: UInt8, reader: inout MessageReader) throws(PostgresError) -> BackendMessage {
        switch type {
        case UInt8(ascii: "R"): return .authentication(try authentication(&reader))
        case UInt8(ascii: "S"): return .parameterStatus(name: try reader.cString(), value: try reader.cString())
        case UInt8(ascii: "K"): return .backendKeyData(processId: try reader.int32(), secretKey: reader.rest())
        case UInt8(ascii: "Z"): return .readyForQuery(try transactionStatus(&reader))
        case UInt8(ascii: "T"): return .rowDescription(try rowDescription(&reader))
        case UInt8(ascii: "D"): return .dataRow(try dataRow(&reader))
        case UInt8(ascii: "C"): return .commandComplete(tag: try reader.cString())
        case UInt8(ascii: "I"): return .emptyQueryResponse
        case UInt8(ascii: "E"): return .error(try errorFields(&reader))
        case UInt8(ascii: "N"): return .notice(try errorFields(&reader))
        case UInt8(ascii: "A"): return .notification(try notification(&reader))
        case UInt8(ascii: "1"): return .parseComplete
        case UInt8(ascii: "2"): return .bindComplete
        case UInt8(ascii: "3"): return .closeComplete
        case UInt8(ascii: "n"): return .noData
        case UInt8(ascii: "s"): return .portalSuspended
        case UInt8(ascii: "t"): return .parameterDescription(try parameterDescription(&reader))
        case UInt8(ascii: "G"), UInt8(ascii: "H"), UInt8(ascii: "W"), UInt8(ascii: "d"), UInt8(ascii: "c"):
            _ = reader.rest()
            return .copy(type: type)
        case UInt8(ascii: "v"): return try negotiateProtocolVersion(&reader)
        default: throw .protocolViolation("unknown message type '\(name(type))'")
        }
    }

    private static func authentication(_ reader: inout MessageReader) throws(PostgresError) -> AuthenticationRequest {
        switch try reader.int32() {
        case 0: return .ok
        case 3: return .cleartextPassword
        case 5: return .md5Password(salt: try reader.bytes(4))
        case 10:
            var mechanisms: [String] = []
            while true {
                let mechanism = try reader.cString()
                if mechanism.isEmpty { return .sasl(mechanisms: mechanisms) }
                mechanisms.append(mechanism)
            }
        case 11: return .saslContinue(reader.rest())
        case 12: return .saslFinal(reader.rest())
        case let code:
            _ = reader.rest()
            return .unsupported(code)
        }
    }

    private static func transactionStatus(_ reader: inout MessageReader) throws(PostgresError) -> TransactionStatus {
        let byte = try reader.byte()
        guard let status = TransactionStatus(rawValue: byte) else {
            throw .protocolViolation("ReadyForQuery with unknown status '\(name(byte))'")
        }
        return status
    }

    private static func rowDescription(_ reader: inout MessageReader) throws(PostgresError) -> [String] {
        let count = try reader.count16()
        var names: [String] = []
        for _ in 0..<count {
            names.append(try reader.cString())
            _ = try reader.bytes(18) // table OID, column, type OID, size, modifier, format
        }
        return names
    }

    private static func dataRow(_ reader: inout MessageReader) throws(PostgresError) -> [[UInt8]?] {
        let count = try reader.count16()
        var values: [[UInt8]?] = []
        for _ in 0..<count {
            let length = try reader.int32()
            guard length >= -1 else { throw .protocolViolation("DataRow value of length \(length)") }
            values.append(length == -1 ? nil : try reader.bytes(Int(length)))
        }
        return values
    }

    private static func errorFields(_ reader: inout MessageReader) throws(PostgresError) -> ServerErrorFields {
        var fields = ServerErrorFields()
        while true {
            let code = try reader.byte()
            if code == 0 { return fields }
            let value = try reader.cString()
            switch code {
            case UInt8(ascii: "V"): fields.severity = value
            case UInt8(ascii: "S") where fields.severity.isEmpty: fields.severity = value
            case UInt8(ascii: "C"): fields.sqlState = value
            case UInt8(ascii: "M"): fields.message = value
            case UInt8(ascii: "D"): fields.detail = value
            case UInt8(ascii: "n"): fields.constraint = value
            default: break
            }
        }
    }

    private static func notification(_ reader: inout MessageReader) throws(PostgresError) -> PostgresNotification {
        let processId = try reader.int32()
        return PostgresNotification(channel: try reader.cString(), payload: try reader.cString(), processId: processId)
    }

    private static func parameterDescription(_ reader: inout MessageReader) throws(PostgresError) -> [Int32] {
        let count = try reader.count16()
        var oids: [Int32] = []
        for _ in 0..<count { oids.append(try reader.int32()) }
        return oids
    }

    private static func negotiateProtocolVersion(_ reader: inout MessageReader) throws(PostgresError) -> BackendMessage {
        let newest = try reader.int32()
        let count = try reader.int32()
        guard count >= 0 else { throw .protocolViolation("NegotiateProtocolVersion with \(count) options") }
        var options: [String] = []
        for _ in 0..<count { options.append(try reader.cString()) }
        return .negotiateProtocolVersion(newestMinor: newest, unrecognized: options)
    }
}
