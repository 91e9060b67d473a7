import Foundation
import Refinery
import RefineryHTTP

/// `refinery serve SCENARIO...`: webhooks for instant-trigger scenarios, schedules for polling ones.
struct ServeCommand: Command {
    static let spec = CommandSpec(
        name: "serve",
        summary: "Serve scenarios: webhooks for instant triggers, schedules for polling triggers.",
        discussion: """
        Every scenario is checked first (exit 65). One HTTP server takes the webhooks of every instant-trigger
        scenario at /hooks/<file name> (the URLs are printed), on 127.0.0.1 unless --host says otherwise.
        Each delivery needs 'Authorization: Bearer <token>', the token read from REFINERY_WEBHOOK_TOKEN or the
        variable named by metadata.refinery.webhook.tokenVariable. A delivery is written to the scenario's
        journal and fsynced before the 2xx answer, then processed by the engine, one execution each.
        Polling scenarios run on their 'scheduling'. Ctrl-C or SIGTERM: stop accepting, process what was
        accepted, exit 0. With --store postgres://..., state, queues, schedules and data stores live in
        PostgreSQL and any number of serve processes share them: a delivery any of them accepts is run by
        one of them, and each scheduled slot runs once. See docs/webhooks.md and docs/scaling.md.
        """,
        positionals: [.init("SCENARIO", repeats: true, help: "Scenario blueprints (.json).")],
        options: [
            .init("host", value: "H", help: "The IPv4 address to listen on (default 127.0.0.1)."),
            .init("port", value: "N", help: "The port (default 0: any free port)."),
            .init("state", value: "DIR", help: "State, locks and journals (default .refinery/ beside the first scenario)."),
            SharedStoreOption.option,
            .init("claim-lease", value: "S", help: "With --store: seconds a worker holds a claimed delivery before others may retry it (default 30)."),
            .init("keep-finished", value: "S", help: "With --store: seconds a finished delivery stays in the queue before it is pruned (default 86400)."),
            .init("sandbox", help: "Connect the Refiner app to an in-process sandbox (other apps keep their own)."),
            .init("quiet", short: "q", help: "Print only the URLs and errors."),
            InstalledApps.modulesOption,
        ] + ScenarioInputValues.options,
        examples: [
            "REFINERY_WEBHOOK_TOKEN=... refinery serve scenarios/*.json --port 8080",
        ]
    )

    func run(_ arguments: ParsedArguments, context: CommandContext) async throws -> ExitCode {
        let port = try arguments.integer("port", range: 0...65_535) ?? 0
        let lease = try arguments.integer("claim-lease", range: 1...86_400)
        let keep = try arguments.integer("keep-finished", range: 0...31_536_000)
        if lease != nil || keep != nil, SharedStoreOption.url(arguments, context: context) == nil { throw UsageError(CLIMessages.queueOptionWithoutStore) }
        guard var setup = try ServeSetup.make(arguments.positionals, arguments: arguments, context: context) else { return .dataError }
        setup.shared = try await SharedStoreOption.open(arguments, context: context)
        let signals = ShutdownSignals()
        var options = setup.hostOptions
        if let lease { options.claimLease = Double(lease) }
        if let keep { options.keepFinished = Double(keep) }
        options.host = arguments.value("host") ?? "127.0.0.1"
        options.port = port
        let quiet = arguments.flag("quiet")
        let log: @Sendable (ServeEvent) -> Void = { event in
            guard let line = CLIMessages.serveEvent(event) else { return }
            if case .failed = event { context.console.err(line) } else if !quiet { context.console.err(line) }
        }
        // Locks, journals, the shared store: blocking work, off the cooperative pool.
        let host = try await BlockingWork.run { [setup, options] in try ScenarioHost(setup.scenarios, options: options, events: log) }
        try await host.start(events: log)
        announce(host, state: setup.stateDirectory.path, quiet: quiet, context: context)
        await signals.wait()
        if !quiet { context.console.err(CLIMessages.serveStopping) }
        await host.stop()
        if !quiet { context.console.err(CLIMessages.serveStopped) }
        return .success
    }

    private func announce(_ host: ScenarioHost, state: String, quiet: Bool, context: CommandContext) {
        for scenario in host.webhooks { context.console.out(CLIMessages.serving(scenario.key, url: host.url(of: scenario))) }
        for scenario in host.idle { context.console.err(CLIMessages.notScheduled(scenario.key, scenario.plan.scheduling)) }
        guard !quiet else { return }
        for scenario in host.scheduled {
            if let schedule = scenario.plan.scheduling { context.console.err(CLIMessages.scheduled(scenario.key, schedule)) }
        }
        context.console.err(CLIMessages.serveListening(host.server.baseURL, state: state))
    }
}
