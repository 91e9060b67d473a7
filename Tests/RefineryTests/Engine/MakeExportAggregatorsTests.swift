import Refinery
import RefineryJSON
import RefineryTesting
import Synchronization
import Testing

/// One blueprint in the exact shape Make exports (ids, versions, designer metadata, `restore`,
/// `expect`, `interface`, text-valued numbers, aggregator `flags`), using the repeater, the increment
/// function and every aggregator: it validates, runs with in-process modules, and its never-reset counter
/// carries into the next run.
@Suite struct MakeExportAggregatorsTests {
    static let blueprint = #"""
    {
        "name": "Aggregators as exported",
        "flow": [
            {
                "id": 1,
                "module": "builtin:BasicRepeater",
                "version": 1,
                "parameters": {},
                "mapper": {"step": "1", "start": "1", "repeats": "4"},
                "metadata": {
                    "designer": {"x": 0, "y": 0},
                    "restore": {},
                    "expect": [
                        {"name": "start", "type": "number", "label": "Initial value", "required": true},
                        {"name": "repeats", "type": "number", "label": "Repeats", "validate": {"min": 0, "max": 10000}, "required": true},
                        {"name": "step", "type": "number", "label": "Step", "required": true}
                    ]
                }
            },
            {
                "id": 2,
                "module": "util:FunctionIncrement",
                "version": 1,
                "parameters": {"reset": "scenario"},
                "mapper": {},
                "metadata": {
                    "designer": {"x": 300, "y": 0},
                    "restore": {"parameters": {"reset": {"label": "Never"}}},
                    "parameters": [
                        {"name": "reset", "type": "select", "label": "Reset a value", "required": true,
                         "validate": {"enum": ["run", "execution", "scenario"]}}
                    ]
                }
            },
            {
                "id": 3,
                "module": "builtin:BasicRouter",
                "version": 1,
                "mapper": null,
                "metadata": {"designer": {"x": 600, "y": 0}},
                "routes": [
                    {
                        "flow": [
                            {
                                "id": 4,
                                "module": "util:FunctionAggregator2",
                                "version": 1,
                                "parameters": {"fn": "sum", "feeder": 1},
                                "mapper": {"value": "{{1.i}}"},
                                "filter": {"name": "every bundle", "conditions": []},
                                "metadata": {
                                    "designer": {"x": 900, "y": -300},
                                    "restore": {"parameters": {"fn": {"label": "SUM"}}, "extra": {"feeder": {"label": "Repeater [1]"}}},
                                    "expect": [{"name": "value", "type": "number", "label": "Value"}]
                                }
                            },
                            {
                                "id": 5,
                                "module": "util:SetVariable2",
                                "version": 1,
                                "parameters": {},
                                "mapper": {"name": "total", "scope": "roundtrip", "value": "{{4.result}}"},
                                "metadata": {"designer": {"x": 1200, "y": -300}, "restore": {"expect": {"scope": {"label": "One cycle"}}},
                                             "interface": [{"name": "total", "label": "total", "type": "any"}]}
                            }
                        ]
                    },
                    {
                        "flow": [
                            {
                                "id": 6,
                                "module": "builtin:BasicAggregator",
                                "version": 1,
                                "parameters": {"feeder": 1, "target": "custom"},
                                "mapper": {"i": "{{1.i}}", "n": "{{2.i}}"},
                                "flags": {"groupBy": "{{1.i > 2}}", "stopIfEmpty": false},
                                "filter": null,
                                "metadata": {"designer": {"x": 900, "y": 0},
                                             "restore": {"extra": {"feeder": {"label": "Repeater [1]"}, "target": {"label": "Custom"}}}}
                            }
                        ]
                    },
                    {
                        "flow": [
                            {
                                "id": 7,
                                "module": "util:AggregateAggregator",
                                "version": 1,
                                "parameters": {"feeder": 1, "columnSeparator": "\t", "rowSeparator": "other", "otherRowSeparator": "; "},
                                "mapper": {"i": "{{1.i}}", "n": "{{2.i}}"},
                                "filter": {"name": "above one", "conditions": [[{"a": "{{1.i}}", "o": "number:greater", "b": "1"}]]},
                                "flags": {"stopIfEmpty": true},
                                "metadata": {"designer": {"x": 900, "y": 300}, "restore": {"parameters": {"columnSeparator": {"label": "Tab"}}}}
                            }
                        ]
                    },
                    {
                        "flow": [
                            {
                                "id": 8,
                                "module": "util:TextAggregator",
                                "version": 1,
                                "parameters": {"feeder": 1, "rowSeparator": ""},
                                "mapper": {"value": "{{1.i}}"},
                                "filter": {"name": "none pass", "conditions": [[{"a": "{{1.i}}", "o": "number:greater", "b": "10"}]]},
                                "flags": {"stopIfEmpty": true},
                                "metadata": {"designer": {"x": 900, "y": 600}, "restore": {"parameters": {"rowSeparator": {"label": "Empty"}}}}
                            }
                        ]
                    },
                    {
                        "flow": [
                            {
                                "id": 9,
                                "module": "json:AggregateToJSON",
                                "version": 1,
                                "parameters": {"type": 12, "space": "", "feeder": 1},
                                "mapper": {"item": "{{1.i}}"},
                                "filter": {"name": "none pass either"},
                                "metadata": {"designer": {"x": 900, "y": 900}}
                            }
                        ]
                    }
                ]
            }
        ],
        "metadata": {
            "instant": false,
            "version": 1,
            "scenario": {"roundtrips": 1, "maxErrors": 3, "autoCommit": true, "autoCommitTriggerLast": true, "sequential": false,
                         "slots": null, "confidential": false, "dataloss": false, "dlq": false, "freshVariables": false},
            "designer": {"orphans": []},
            "zone": "eu1.make.com",
            "notes": []
        }
    }
    """#

    static func outputs(_ harness: RunHarness, _ plan: ScenarioPlan) async throws -> (report: RunReport, bundles: [Int: [JSONValue]]) {
        let traces = Mutex<[BundleTrace]>([])
        var options = RunOptions()
        options.onBundle = { trace in traces.withLock { $0.append(trace) } }
        let report = try await harness.run(plan, options: options)
        let bundles = Dictionary(grouping: traces.withLock { $0 }, by: \.moduleId).mapValues { $0.map(\.bundle) }
        return (report, bundles)
    }

    @Test func validatesAndRunsTwice() async throws {
        let harness = RunHarness()
        let plan = try EngineFixtures.load(Self.blueprint, catalog: harness.catalog)
        #expect(plan.warnings.isEmpty)
        let (report, bundles) = try await Self.outputs(harness, plan)
        #expect(report.status == .success)
        #expect(bundles[2]?.map { $0["i"] } == [1, 2, 3, 4])
        #expect(bundles[4] == [["result": 10, "__IMTAGGLENGTH__": 4]])
        #expect(bundles[5] == [["total": 10]])
        #expect(bundles[6] == [
            ["key": "false", "array": [["i": 1, "n": 1], ["i": 2, "n": 2]], "__IMTAGGLENGTH__": 2],
            ["key": "true", "array": [["i": 3, "n": 3], ["i": 4, "n": 4]], "__IMTAGGLENGTH__": 2],
        ])
        #expect(bundles[7] == [["text": "2\t2; 3\t3; 4\t4", "__IMTAGGLENGTH__": 3]])
        // No bundle passes the text aggregator's filter, and `stopIfEmpty` keeps it quiet; the JSON
        // aggregator's filter has a name and no conditions: every bundle passes.
        #expect(bundles[8] == nil)
        #expect(bundles[9] == [["json": "[{\"item\":1},{\"item\":2},{\"item\":3},{\"item\":4}]", "__IMTAGGLENGTH__": 4]])
        #expect(report.stats(for: 4)?.operations == 1)

        let (again, next) = try await Self.outputs(harness, plan)
        #expect(again.status == .success)
        #expect(next[2]?.map { $0["i"] } == [5, 6, 7, 8])
        #expect(next[6]?.first?["array"] == [["i": 1, "n": 5], ["i": 2, "n": 6]])
        #expect(harness.state.counters == [2: 8])
    }
}
