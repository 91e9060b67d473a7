import RefineryJSON

extension Blueprint {
    /// Decodes a blueprint without checking its modules (for `refinery graph`): shape problems only.
    public static func decode(file: String, bytes: [UInt8]) throws(ScenarioLoadError) -> Blueprint {
        let document: JSONDocument
        do { document = try JSONDocument(file: file, bytes: bytes) } catch { throw ScenarioLoadError(diagnostics: [error]) }
        var decoder = BlueprintDecoder(document: document)
        let blueprint = decoder.decode()
        guard let blueprint, !decoder.diagnostics.hasErrors else { throw ScenarioLoadError(diagnostics: decoder.diagnostics) }
        return blueprint
    }
}
