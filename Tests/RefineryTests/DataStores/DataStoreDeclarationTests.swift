import Refinery
import RefineryJSON
import Testing

/// `datastores/<name>.json`: what a declaration may say, and every problem with its pointer.
@Suite struct DataStoreDeclarationTests {
    @Test func aFullDeclarationReads() throws {
        let text = #"{"name": "contacts", "id": 12345, "key": "number", "strict": true, "maxRecords": 10, "maxBytes": 2048, "structure": [{"name": "email", "type": "email", "required": true}]}"#
        let (declaration, problems) = DataStoreDeclaration.read(file: "datastores/contacts.json", bytes: Array(text.utf8))
        #expect(problems.isEmpty)
        let read = try #require(declaration)
        #expect(read.id == 12345 && read.key == .number && read.strict && read.maxRecords == 10 && read.maxBytes == 2048)
        #expect(read.structure?.map(\.name) == ["email"])
    }

    @Test func theDefaultsAreDocumented() throws {
        let (declaration, _) = DataStoreDeclaration.read(file: "datastores/keys.json", bytes: Array(#"{"name": "keys"}"#.utf8))
        let read = try #require(declaration)
        #expect(read.key == .text && read.structure == nil && !read.strict && read.maxRecords == nil)
        #expect(read.maxBytes == 64 * 1024 * 1024)
    }

    static let problems: [ProblemCase] = [
        ProblemCase(text: #"{"id": 1}"#, pointer: "", code: "module.missing-field"),
        ProblemCase(text: #"{"name": "other"}"#, pointer: "/name", code: "datastore.invalid-declaration"),
        ProblemCase(text: #"{"name": "s", "id": 0}"#, pointer: "/id", code: "datastore.invalid-declaration"),
        ProblemCase(text: #"{"name": "s", "maxRecords": "10"}"#, pointer: "/maxRecords", code: "datastore.invalid-declaration"),
        ProblemCase(text: #"{"name": "s", "key": "uuid"}"#, pointer: "/key", code: "module.invalid-value"),
        ProblemCase(text: #"{"name": "s", "structure": [{"name": "x", "type": "texty"}]}"#, pointer: "/structure/0/type", code: "module.unknown-type"),
        ProblemCase(text: #"{"name": "s", "sizeLimit": 1}"#, pointer: "/sizeLimit", code: "module.unknown-key"),
    ]

    @Test(arguments: problems)
    func problemsArePointedAt(_ test: ProblemCase) throws {
        let (declaration, problems) = DataStoreDeclaration.read(file: "datastores/s.json", bytes: Array(test.text.utf8))
        #expect(declaration == nil)
        let problem = try #require(problems.first)
        #expect(problem.code == test.code)
        #expect(problem.source?.pointer?.description ?? "" == test.pointer)
    }

    @Test func anIdOrANameResolves() {
        let catalog = DataStoreCatalog([DataStoreDeclaration(name: "contacts", id: 12345)])
        #expect(catalog.resolve(12345)?.name == "contacts")
        #expect(catalog.resolve("12345")?.name == "contacts")
        #expect(catalog.resolve("contacts")?.name == "contacts")
        #expect(catalog.resolve(1) == nil)
    }
}
