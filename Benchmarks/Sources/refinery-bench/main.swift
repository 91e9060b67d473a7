let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
case "engine":
    try await EngineBenchmark.run(count: arguments.dropFirst().first.flatMap { Int($0) } ?? 100_000)
default:
    print("refinery-bench")
    print("usage: refinery-bench engine [COUNT]")
}
