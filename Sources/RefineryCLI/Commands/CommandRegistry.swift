/// Every subcommand, in the order `refinery --help` lists them. Add a command here.
enum CommandRegistry {
    static let commands: [any Command.Type] = [
        RunCommand.self,
        TestCommand.self,
        IncompleteCommand.self,
        DataStoreCommand.self,
        StoreCommand.self,
        ValidateCommand.self,
        ModulesCommand.self,
        SchemaCommand.self,
        CallCommand.self,
        SandboxCommand.self,
        ServeCommand.self,
        WebhookCommand.self,
        EvalCommand.self,
        GraphCommand.self,
        InitCommand.self,
        CompletionsCommand.self,
        HelpCommand.self,
        VersionCommand.self,
    ]

    static func command(named name: String) -> (any Command.Type)? {
        commands.first { $0.spec.name == name }
    }

    static var names: [String] { commands.map { $0.spec.name } }
}
