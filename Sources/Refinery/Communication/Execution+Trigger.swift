import IML
import RefineryJSON

extension Execution {
    /// The item's key: its id as text (an integer id keeps every digit) and its date, parsed.
    func triggerKey(_ trigger: TriggerSpec) throws -> TriggerKey {
        let id = try evaluate(trigger.id)
        let date = try trigger.date.map { try TemplateText.string(evaluate($0)) }
        return TriggerKey(id: TemplateText.string(id), date: date.flatMap { ISODate.parse($0) })
    }

    /// Whether an item comes after the saved position, by the engine's rule (`TriggerSelection`).
    func isNew(_ key: TriggerKey, trigger: TriggerSpec) -> Bool {
        TriggerSelection(type: trigger.kind, position: position).isNew(key)
    }
}
