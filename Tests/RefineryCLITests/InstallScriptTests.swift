import Foundation
import RefineryTesting
import Testing

/// `Scripts/install.sh`, run on a copy of itself and `BuildCommit.swift` in a temporary git repository,
/// with a stand-in `swift` on PATH: a real release build takes minutes, so what is checked here is what
/// the script does around it (the commit in the source during the build, the file put back, the binary
/// and the three completion files where they belong).
@Suite(.serialized) struct InstallScriptTests {
    static let fakeSwift = #"""
    #!/bin/bash
    if [[ " $* " == *" --show-bin-path "* ]]; then echo "$FAKE_OUT/release"; exit 0; fi
    mkdir -p "$FAKE_OUT/release"
    cp Sources/RefineryCLI/BuildCommit.swift "$FAKE_OUT/commit-at-build.swift"
    echo "$*" > "$FAKE_OUT/build-arguments"
    printf '#!/bin/bash\ncase "$1" in completions) echo "# completions for $2";; --version) echo "refinery 9.9.9";; esac\n' > "$FAKE_OUT/release/refinery"
    chmod +x "$FAKE_OUT/release/refinery"
    """#

    struct Setup {
        let folder: TemporaryFolder
        var tree: String { folder.path + "/tree" }
        var prefix: String { folder.path + "/prefix" }
        var out: String { folder.path + "/out" }
        let original: String

        init() async throws {
            folder = try TemporaryFolder()
            let root = ModuleCommandsTests.root
            original = try String(contentsOfFile: root + "/Sources/RefineryCLI/BuildCommit.swift", encoding: .utf8)
            try folder.write("tree/Scripts/install.sh", try String(contentsOfFile: root + "/Scripts/install.sh", encoding: .utf8))
            try folder.write("tree/Sources/RefineryCLI/BuildCommit.swift", original)
            try folder.write("bin/swift", InstallScriptTests.fakeSwift)
            let (status, output) = try await CompletionsCommandTests.bash("""
            chmod +x bin/swift tree/Scripts/install.sh && mkdir out && cd tree && git init -q && git add . &&
            git -c user.name=t -c user.email=t@example.com commit -qm t
            """, in: folder.path)
            #expect(status == 0, "\(output)")
        }

        func install(_ environment: String = "") async throws -> (Int32, String) {
            try await CompletionsCommandTests.bash(
                "PATH=\"\(folder.path)/bin:$PATH\" FAKE_OUT='\(out)' \(environment) tree/Scripts/install.sh '\(prefix)'", in: folder.path
            )
        }

        func read(_ path: String) throws -> String {
            try String(contentsOfFile: path, encoding: .utf8)
        }
    }

    @Test func installsTheBinaryAndCompletionsWithTheCommitBuiltIn() async throws {
        let setup = try await Setup()
        defer { setup.folder.remove() }
        let (status, output) = try await setup.install()
        #expect(status == 0, "\(output)")
        #expect(try setup.read(setup.out + "/build-arguments") == "build -c release --product refinery\n")
        let (_, head) = try await CompletionsCommandTests.bash("git -C tree rev-parse --short=12 HEAD", in: setup.folder.path)
        let commit = head.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(commit.count == 12)
        #expect(try setup.read(setup.out + "/commit-at-build.swift").contains("static let hash: String? = \"\(commit)\""))
        #expect(try setup.read(setup.tree + "/Sources/RefineryCLI/BuildCommit.swift") == setup.original, "put back after the build")
        #expect(FileManager.default.isExecutableFile(atPath: setup.prefix + "/bin/refinery"))
        for (shell, path) in [
            ("bash", "share/bash-completion/completions/refinery"),
            ("zsh", "share/zsh/site-functions/_refinery"),
            ("fish", "share/fish/vendor_completions.d/refinery.fish"),
        ] {
            #expect(try setup.read(setup.prefix + "/" + path) == "# completions for \(shell)\n")
        }
        #expect(output.contains("installed refinery 9.9.9 to \(setup.prefix)/bin/refinery"))
    }

    @Test func commitVariableWinsAndIsChecked() async throws {
        let setup = try await Setup()
        defer { setup.folder.remove() }
        let (status, _) = try await setup.install("REFINERY_COMMIT=v1.2.3")
        #expect(status == 0)
        #expect(try setup.read(setup.out + "/commit-at-build.swift").contains("= \"v1.2.3\""))
        let (refused, output) = try await setup.install("REFINERY_COMMIT='x\";'")
        #expect(refused == 64, "\(output)")
        #expect(try setup.read(setup.tree + "/Sources/RefineryCLI/BuildCommit.swift") == setup.original)
    }

    @Test func theScriptParses() async throws {
        let (status, output) = try await CompletionsCommandTests.bash("bash -n Scripts/install.sh", in: ModuleCommandsTests.root)
        #expect(status == 0, "\(output)")
    }
}
