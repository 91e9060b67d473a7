import Foundation
import Refinery
import RefineryJSON
import Testing

@Suite struct AppLoaderTests {
    static let refinerModules = [
        "watchCompletedSurvey", "watchUserEnteredSegment", "watchResponses", "identifyUser", "trackEvent", "deleteContact",
        "addContactToSegment", "removeContactFromSegment", "tagResponse", "listContacts", "getContact", "findResponse", "storeResponse", "listResponses",
        "listForms", "listSegments", "getReporting", "getAccountInfo", "makeApiCall",
    ]

    @Test func theRefinerAppLoadsWithoutProblems() throws {
        let app = try Fixtures.refinerApp()
        #expect(app.name == "refiner")
        #expect(Set(app.modules.keys) == Set(Self.refinerModules))
        #expect(app.connection?.secretNames == ["apiKey"])
        #expect(app.connection?.parameters.compactMap(\.environmentVariable) == ["REFINER_API_KEY", "REFINER_BASE_URL"])
    }

    @Test func destructiveModulesAreMarked() throws {
        let app = try Fixtures.refinerApp()
        let destructive = app.modules.values.filter(\.destructive).map(\.name).sorted()
        #expect(destructive == ["deleteContact", "removeContactFromSegment"])
    }

    @Test func everyRefinerModuleHasLabelsHelpInterfaceAndSamples() throws {
        let app = try Fixtures.refinerApp()
        for module in app.modules.values {
            #expect(module.description?.isEmpty == false, "\(module.name)")
            #expect(!module.interface.isEmpty, "\(module.name)")
            #expect(module.samples != nil, "\(module.name)")
            for field in module.inputFields { #expect(field.label != nil, "\(module.name).\(field.name)") }
        }
    }

    @Test(arguments: ["listContacts", "listResponses", "listForms", "listSegments"])
    func listModulesTakeALimitAndPaginate(name: String) throws {
        let module = try #require(try Fixtures.refinerApp().modules[name])
        #expect(module.kind == .search)
        #expect(module.inputFields.contains { $0.name == "limit" && $0.type == .uinteger })
        #expect(module.communication.last?.pagination != nil)
        #expect(module.communication.last?.response.limit != nil)
    }

    @Test func moduleKinds() throws {
        let app = try Fixtures.refinerApp()
        #expect(app.modules["watchResponses"]?.kind == .trigger)
        #expect(app.modules["watchResponses"]?.communication.last?.response.trigger?.order == .desc)
        #expect(app.modules["watchCompletedSurvey"]?.kind == .instantTrigger)
        #expect(app.modules["watchCompletedSurvey"]?.webhook?.event == "Completed Survey")
        #expect(app.modules["makeApiCall"]?.kind == .universal)
        #expect(app.modules["identifyUser"]?.kind == .action)
    }
}
