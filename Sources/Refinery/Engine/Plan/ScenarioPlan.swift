import IML
public import RefineryJSON

/// A validated scenario, compiled once and run many times: immutable and Sendable.
public struct ScenarioPlan: Sendable {
    public let name: String
    /// Where the blueprint was read from (for messages and the default state key).
    public let file: String
    public let settings: ScenarioSettings
    public let limits: RunLimits
    public let scheduling: Scheduling?
    /// The scenario inputs the blueprint declares (`io.input_spec`), read as `var.input.<name>`.
    public let inputs: ScenarioInputs
    /// The root flow; nested flows hang off router and error-handler nodes.
    public let flow: [PlanNode]
    /// Every node by id, with the flow it belongs to and its index in it.
    let locations: [Int: NodeLocation]
    /// Aggregator ids by the id of their feeder (source module).
    let aggregatorsByFeeder: [Int: [Int]]
    /// Problems that did not stop loading (severity warning), for the CLI to show.
    public internal(set) var warnings: [Diagnostic] = []
    /// The blueprint as read, so a run-time error of one of its expressions names its line and column.
    let document: JSONDocument

    /// Where an expression of the blueprint failed and why: `file#/pointer:line:col: message [code]`.
    func locate(_ error: IMLError) -> String {
        error.located(in: document)
    }

    /// The node with `id`, wherever it is.
    public func node(_ id: Int) -> PlanNode? {
        locations[id].map { $0.flow[$0.index] }
    }

    /// The nodes that follow `id` on its flow.
    func rest(after id: Int) -> ArraySlice<PlanNode> {
        guard let location = locations[id] else { return [] }
        return location.flow[(location.index + 1)...]
    }

    /// The first module when it is a polling trigger.
    public var pollingTrigger: PlanNode? {
        guard let first = flow.first, case .app(_, let descriptor) = first.kind, descriptor.kind == .trigger else { return nil }
        return first
    }

    /// The first module when it is an instant trigger (the scenario runs on webhook deliveries).
    public var instantTrigger: PlanNode? {
        guard let first = flow.first, case .app(_, let descriptor) = first.kind, descriptor.kind == .instantTrigger else { return nil }
        return first
    }

    /// Whether a `gateway:WebhookRespond` answers the sender (the receiver then waits for the execution).
    public var responds: Bool { allNodes.contains { $0.module == BuiltinModule.webhookRespond.rawValue } }

    /// Every node in flow order (depth first: routes and error routes after their node).
    /// The apps whose modules the scenario uses (`refiner` for `refiner:watchResponses`): the
    /// connections a run needs.
    public var appNames: Set<String> {
        Set(allNodes.compactMap { node in
            guard case .app = node.kind else { return nil }
            return node.module.split(separator: ":").first.map(String.init)
        })
    }

    /// (The nodes after a merge are on every merging branch: each is listed once.)
    public var allNodes: [PlanNode] {
        var out: [PlanNode] = []
        var seen: Set<Int> = []
        func walk(_ nodes: [PlanNode]) {
            for node in nodes where seen.insert(node.id).inserted {
                out.append(node)
                node.nestedFlows.forEach(walk)
            }
        }
        walk(flow)
        return out
    }
}

struct NodeLocation: Sendable {
    var flow: [PlanNode]
    var index: Int
}

/// One compiled module of a flow.
public struct PlanNode: Sendable {
    public let id: Int
    /// As written in the blueprint, e.g. `refiner:watchResponses` or `builtin:BasicRouter`.
    public let module: String
    public let kind: PlanNodeKind
    public let parameters: CompiledValue
    public let mapper: CompiledValue
    /// Aggregators' `flags` (`groupBy`, `stopIfEmpty`); empty for other modules.
    public let flags: CompiledValue
    public let filter: FilterPlan?
    /// The error-handler route (`onerror`): modules, optionally ending with a directive.
    public let onerror: [PlanNode]
    public let pointer: JSONPointer

    /// The flows that hang off it: routes, branches and its error route.
    var nestedFlows: [[PlanNode]] {
        switch kind {
        case .router(let routes): routes.map(\.flow) + [onerror]
        case .ifElse(let branches): branches.map(\.flow) + [onerror]
        default: [onerror]
        }
    }

    /// Whether running it counts as an operation (routers and error directives do not; if-else and merge
    /// do, as in Make).
    public var countsOperation: Bool {
        switch kind {
        case .router, .directive: false
        default: true
        }
    }
}

/// What a node does.
public enum PlanNodeKind: Sendable {
    case app(any ScenarioModule, ModuleDescriptor)
    case router([PlanRoute])
    /// `builtin:BasicIfElse`: the first branch whose condition passes runs (`else` when none does). A
    /// merging branch's flow ends with its own copy of the merge and then the flow after the merge.
    case ifElse([PlanBranch])
    /// `builtin:BasicMerge` as reached from one branch: its outputs mapped for that branch (none: the
    /// branch's last bundle goes on).
    case merge([MergeOutput])
    case feeder
    case aggregator(feeder: Int)
    case textAggregator(feeder: Int)
    /// `json:AggregateToJSON`: the collected items as one JSON array text.
    case jsonAggregator(feeder: Int)
    /// `util:FunctionAggregator2` (numeric aggregator): `{result}`, one function over the collected numbers.
    case numericAggregator(feeder: Int)
    /// `util:AggregateAggregator` (table aggregator): `{text}`, rows of the mapped fields.
    case tableAggregator(feeder: Int)
    case setVariable
    case setVariables
    case getVariable
    case getVariables
    case repeater
    /// Tools and JSON modules: one bundle in, their outputs out (`RunExecution+Tools`).
    case tool(BuiltinTool)
    /// The Text parser modules (`regexp:*`).
    case textParser(TextParserTool)
    /// Make's data store modules, on the declared store the node's `parameters.datastore` names.
    case dataStore(DataStoreOperation, store: DataStoreDeclaration)
    case directive(ErrorDirective)
}

/// Make's tools and JSON modules that map one bundle to their output.
public enum BuiltinTool: String, Sendable, Hashable {
    /// `util:ComposeTransformer`: `{value}`, the mapped text.
    case compose
    /// `util:FunctionSleep`: waits `duration` seconds (1 to 300) on the run clock.
    case sleep
    /// `util:Switcher`: `{output}`, the first case whose `pattern` matches `input`, else `elseOutput`.
    case switcher
    /// `json:ParseJSON`: the parsed value; an array gives a bundle per item.
    case parseJSON
    /// `json:CreateJSON`: `{json}`, the mapper (the data structure's fields) as JSON text.
    case createJSON
    /// `json:TransformToJSON`: `{json}`, the mapped `object` as JSON text.
    case transformToJSON
    /// `gateway:WebhookRespond`: the answer to the sender of the delivery (`status`, `headers`, `body`).
    case webhookRespond
    /// `util:FunctionIncrement`: `{i}`, 1 more on each call; reset per cycle, per run or never (`parameters.reset`).
    case increment
}

public struct PlanBranch: Sendable {
    public let label: String
    /// Nil for `else`.
    public let condition: FilterPlan?
    public let flow: [PlanNode]
}

public struct MergeOutput: Sendable {
    public let name: String
    public let value: CompiledValue
}

public struct PlanRoute: Sendable {
    public let flow: [PlanNode]
    public let isFallback: Bool
}

/// The error-handler directives that end an `onerror` route.
public enum ErrorDirective: String, Sendable, Hashable, CaseIterable {
    case ignore = "builtin:Ignore"
    case resume = "builtin:Resume"
    case commit = "builtin:Commit"
    case rollback = "builtin:Rollback"
    case breakExecution = "builtin:Break"
}

/// A compiled filter: OR of AND groups. An empty filter passes.
public struct FilterPlan: Sendable, Hashable {
    public let name: String?
    public let groups: [[ConditionPlan]]
}

public struct ConditionPlan: Sendable, Hashable {
    public let a: CompiledValue
    public let op: FilterOperator
    public let b: CompiledValue?
}
