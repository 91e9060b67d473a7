import RefineryHTTP
import RefineryJSON

extension RunExecution {
    /// One poll of the scenario's trigger: read the new items (stopping early where the API order allows),
    /// emit at most `limit` of them oldest first, and record each one once its bundle is fully processed.
    func runTrigger(_ node: PlanNode, module: any ScenarioModule, descriptor: ModuleDescriptor, rest: ArraySlice<PlanNode>) async throws {
        let support = descriptor.trigger ?? TriggerSupport(type: .id, order: .unordered)
        let stored = state.positions[node.id]
        let position = stored ?? startPosition(type: support.type)
        cycleStartPosition = position
        cyclePosition = position
        let call = try makeCall(node, descriptor: descriptor, scope: [:], position: position)
        let limit = max(call.limit ?? 1, 1)
        let selection = TriggerSelection(type: support.type, position: position)
        let fromNow = stored == nil && options.start == .fromNow
        var fresh: [ModuleOutput] = []
        try await read(module.run(call, in: environment), node: node) { output in
            guard let key = output.key else {
                fresh.append(output)
                return true
            }
            if support.order == .desc, selection.isBeforePosition(key) { return false }
            if selection.isNew(key) { fresh.append(output) }
            if fromNow, support.order == .desc {
                // Newest first: keep reading only the items that share the newest date.
                guard support.type == .date, let first = fresh.first?.key?.date else { return false }
                if key.date != first { fresh.removeLast() }
                return key.date == first
            }
            if fromNow { return true }
            return !(support.order == .asc && fresh.count >= limit)
        }
        let ordered = selection.sorted(fresh)
        if fromNow {
            startFromNow(seen: ordered.compactMap(\.key), type: support.type)
            return
        }
        let batch = ordered.prefix(limit)
        cycleTriggerFull = ordered.count >= limit && !batch.isEmpty
        for output in batch {
            guard let key = output.key else {
                // An item without a key cannot be remembered: it is emitted, and the position stays.
                try await forward(output.bundle, from: node, rest: rest, scope: [:])
                continue
            }
            do {
                try await forward(output.bundle, from: node, rest: rest, scope: [:])
            } catch RunStop.unhandled(let moduleId, let scope, let failure) where plan.settings.dlq {
                pendingIncomplete.append(incomplete(moduleId: moduleId, scope: scope, failure: failure))
                processed(key, type: support.type)
                throw RunStop.parked
            } catch RunStop.commit {
                processed(key, type: support.type)
                throw RunStop.commit
            }
            processed(key, type: support.type)
            if plan.limits.commitEachBundle { try await commit() }
        }
    }

    /// Records that the item's bundle was fully processed: the next commit's position covers it.
    private func processed(_ key: TriggerKey, type: TriggerSupport.KeyType) {
        TriggerSelection.advance(&cyclePosition, past: key, type: type)
        cycleAdvanced = true
    }

    /// The position a trigger without a stored one starts from (`TriggerStart`).
    private func startPosition(type: TriggerSupport.KeyType) -> TriggerPosition? {
        switch options.start {
        case .all, .fromNow: nil
        case .since(let date): type == .date ? TriggerPosition(lastDate: date) : nil
        }
    }

    /// "From now on": remember the newest item (or now) without emitting anything.
    private func startFromNow(seen: [TriggerKey], type: TriggerSupport.KeyType) {
        let selection = TriggerSelection(type: type, position: nil)
        if !seen.isEmpty {
            pendingStart = selection.advanced(over: seen)
        } else if type == .date {
            pendingStart = TriggerPosition(lastDate: clock.now)
        }
    }
}
