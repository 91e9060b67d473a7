import Foundation
import IML
import Refinery
import RefineryHTTP
import RefineryJSON
import RefinerySandbox
import RefineryTesting
import Testing

@Suite struct RefinerModuleTests {
    @Test func getAccountInfo() async throws {
        let harness = try RefinerHarness()
        let outputs = try await harness.run("getAccountInfo")
        #expect(outputs.count == 1)
        #expect(outputs.first?["subscription"]?["plan"]?.stringValue != nil)
        let request = try #require(harness.lastRequest)
        #expect(request.method == .get)
        #expect(request.target == "http://sandbox.test/v1/account")
        #expect(request.headers["Authorization"] == "Bearer \(harness.sandbox.apiKey)")
    }

    @Test func listContactsPagesWithTheLargestPageLengthTheLimitAllows() async throws {
        let harness = try RefinerHarness(seed: .empty, contacts: 2500)
        let outputs = try await harness.run("listContacts", ["limit": 2100])
        #expect(outputs.count == 2100)
        #expect(Set(outputs.compactMap { $0["uuid"]?.stringValue }).count == 2100)
        let queries = harness.transport.requests.map(\.queryItems)
        #expect(queries.count == 3)
        #expect(queries.allSatisfy { items in items.contains { $0 == ("page_length", "1000") } })
        #expect(queries.dropFirst().allSatisfy { items in items.contains { $0.name == "page_cursor" } })
        #expect(queries.first?.contains { $0 == ("order_by", "first_seen_at") } == true)
    }

    @Test func listContactsWithASmallLimitFetchesOneSmallPage() async throws {
        let harness = try RefinerHarness()
        let outputs = try await harness.run("listContacts", ["limit": 7, "orderBy": "last_seen_at"])
        #expect(outputs.count == 7)
        #expect(harness.transport.requests.count == 1)
        #expect(harness.lastRequest?.queryItems.contains { $0 == ("page_length", "7") } == true)
    }

    @Test func getContactByEmailAndIdentifyUserUpdatesIt() async throws {
        let harness = try RefinerHarness()
        let identify = try await harness.run("identifyUser", [
            "id": "user-9001", "email": "new.user@example.com", "attributes": ["plan": "growth", "seats": 12],
            "account": ["id": "acme", "name": "Acme"],
        ])
        #expect(identify.first?["contact_uuid"]?.stringValue != nil)
        let sent = try #require(harness.lastRequest)
        #expect(sent.method == .post && sent.path == "/v1/identify-user")
        // Traits go flat beside id and email, as Refiner's own example and clients send them.
        #expect(try sent.jsonBody() == [
            "plan": "growth", "seats": "12", "id": "user-9001", "email": "new.user@example.com", "account": ["id": "acme", "name": "Acme"],
        ])
        let contact = try #require(try await harness.run("getContact", ["email": "new.user@example.com"]).first)
        #expect(contact["remote_id"] == "user-9001")
        #expect(contact["attributes"]?["plan"] == "growth")
        #expect(harness.lastRequest?.query == "email=new.user%40example.com")
    }

    /// id and email win over a trait of the same name; no trait sends no trait.
    @Test func identifyUserKeepsIdAndEmailOverTraits() async throws {
        let harness = try RefinerHarness()
        _ = try await harness.run("identifyUser", ["id": "user-1", "attributes": ["id": "spoofed", "plan": "free"]])
        #expect(try harness.lastRequest?.jsonBody() == ["id": "user-1", "plan": "free"])
        _ = try await harness.run("identifyUser", ["email": "a@example.com"])
        #expect(try harness.lastRequest?.jsonBody() == ["email": "a@example.com"])
    }

    /// A revoked key (Refiner answers 404 "API key not valid or does not exist") is an
    /// InvalidAccessTokenError in every module, not bad data; a 404 for a missing contact stays a DataError.
    @Test func aRevokedKeyIsAnInvalidAccessTokenErrorEverywhere() async throws {
        let harness = try RefinerHarness(apiKey: "rk_revoked_0123456789")
        for (module, input) in [("listContacts", ["limit": 1]), ("trackEvent", ["event": "x", "id": "u"]), ("getAccountInfo", [:])] as [(String, JSONObject)] {
            let error = try #require(await harness.error(module, input), "\(module)")
            #expect(error.kind == .invalidAccessToken, "\(module): \(error.kind)")
            #expect(error.status == 404)
            #expect(error.message.contains("REFINER_API_KEY"), "\(error.message)")
        }
        let valid = try RefinerHarness()
        let missing = try #require(await valid.error("getContact", ["email": "nobody@example.com"]))
        #expect(missing.kind == .data)
        #expect(missing.status == 404)
    }

    /// storeResponse sends the answers flat beside the reserved keys, as Refiner takes them, and the
    /// stored response is then listed.
    @Test func storeResponseSendsAnswersFlatAndTheResponseIsListed() async throws {
        let harness = try RefinerHarness()
        let form = try #require(try await harness.run("listForms", ["limit": 1]).first?["uuid"])
        let stored = try #require(try await harness.run("storeResponse", [
            "form_uuid": form, "id": "user-12", "answers": ["nps_score": 9, "form_uuid": "spoofed"], "tags": ["imported"],
        ]).first)
        let body = try #require(try harness.lastRequest?.jsonBody())
        #expect(body == ["nps_score": 9, "form_uuid": form, "id": "user-12", "tags": ["imported"]])
        let uuid = try #require(stored["uuid"])
        let found = try await harness.run("findResponse", ["uuid": uuid])
        #expect(found.map { $0["uuid"] } == [uuid])
        #expect(found.first?["data"]?["nps_score"] == 9)
        #expect(await harness.error("storeResponse", ["form_uuid": form, "answers": ["q": 1]])?.rule == "anyOf")
    }

    /// findResponse keeps only the exact UUID: an unknown one gives no bundle, whatever the search matches.
    @Test func findResponseGivesNothingForAnUnknownUUID() async throws {
        let harness = try RefinerHarness()
        #expect(try await harness.run("findResponse", ["uuid": "00000000-0000-1000-8000-000000000000"]).isEmpty)
        #expect(harness.lastRequest?.queryItems.contains { $0 == ("include", "all") } == true)
    }

    /// The answer and trait filters go out as Refiner's bracket parameters, only when given; so does
    /// `include_config`.
    @Test func responseFiltersAndFormConfigAreSentOnlyWhenGiven() async throws {
        let harness = try RefinerHarness()
        let filtered = try await harness.run("listResponses", ["limit": 5, "answers": ["nps_score": "10"], "contactTraits": ["plan": "growth"]])
        let query = try #require(harness.lastRequest?.queryItems)
        #expect(query.contains { $0 == ("response_data[nps_score]", "10") })
        #expect(query.contains { $0 == ("contact_data[plan]", "growth") })
        #expect(!query.contains { $0.name.hasPrefix("account_data") })
        #expect(filtered.allSatisfy { $0["data"]?["nps_score"] == 10 })
        _ = try await harness.run("listForms", ["limit": 1])
        #expect(harness.lastRequest?.queryItems.contains { $0.name == "include_config" } == false)
        let configured = try await harness.run("listForms", ["limit": 1, "includeConfig": true])
        #expect(harness.lastRequest?.queryItems.contains { $0 == ("include_config", "1") } == true)
        #expect(configured.first?["config"] != nil)
    }

    @Test func trackEvent() async throws {
        let harness = try RefinerHarness()
        let outputs = try await harness.run("trackEvent", ["event": "Upgraded", "id": "user-1"])
        #expect(outputs == [["message": "ok"]])
        #expect(try harness.lastRequest?.jsonBody() == ["event": "Upgraded", "id": "user-1"])
    }

    @Test func deleteContactThenGettingItIsADataError() async throws {
        let harness = try RefinerHarness()
        _ = try await harness.run("identifyUser", ["id": "doomed"])
        #expect(try await harness.run("deleteContact", ["id": "doomed"]).first?["message"] == "ok")
        #expect(harness.lastRequest?.method == .delete)
        #expect(harness.lastRequest?.query == "id=doomed")
        let error = try #require(await harness.error("getContact", ["id": "doomed"]))
        #expect(error.kind == .data)
        #expect(error.status == 404)
    }

    @Test func contactModulesNeedExactlyOneIdentifier() async throws {
        let harness = try RefinerHarness()
        let error = try #require(await harness.error("getContact", ["id": "a", "email": "a@b.co"]))
        #expect(error.rule == "oneOf")
        #expect(await harness.error("trackEvent", ["event": "x"])?.rule == "anyOf")
        #expect(harness.transport.requests.isEmpty)
    }

    @Test func addAndRemoveAContactFromAManualSegment() async throws {
        let harness = try RefinerHarness()
        let segments = try await harness.run("listSegments", ["limit": 100])
        let manual = try #require(segments.first { $0["is_manual"] == true }?["uuid"]?.stringValue)
        let added = try await harness.run("addContactToSegment", ["segmentUuid": .string(manual), "id": "seg-user"])
        #expect(added.first?["segment_uuid"]?.stringValue == manual)
        #expect(try harness.lastRequest?.jsonBody() == ["segment_uuid": .string(manual), "id": "seg-user"])
        let contact = try #require(try await harness.run("getContact", ["id": "seg-user"]).first)
        #expect(contact["segments"]?.arrayValue?.contains { $0["uuid"]?.stringValue == manual } == true)
        _ = try await harness.run("removeContactFromSegment", ["segmentUuid": .string(manual), "id": "seg-user"])
        #expect(harness.lastRequest?.method == .delete)
        let after = try #require(try await harness.run("getContact", ["id": "seg-user"]).first)
        #expect(after["segments"]?.arrayValue?.contains { $0["uuid"]?.stringValue == manual } != true)
    }

    @Test func listResponsesWithFiltersAndTagOne() async throws {
        let harness = try RefinerHarness()
        let forms = try await harness.run("listForms", ["limit": 50, "includeInfo": true])
        #expect(!forms.isEmpty)
        #expect(harness.lastRequest?.queryItems.contains { $0 == ("include_info", "1") } == true)
        let formUuid = try #require(forms.first?["uuid"]?.stringValue)
        let responses = try await harness.run("listResponses", ["formUuids": [.string(formUuid)], "limit": 5, "withAttributes": true])
        #expect(responses.count <= 5)
        #expect(responses.allSatisfy { $0["form"]?["uuid"]?.stringValue == formUuid })
        let query = try #require(harness.transport.requests.last?.queryItems)
        #expect(query.contains { $0 == ("form_uuids[]", formUuid) })
        #expect(query.contains { $0 == ("with_attributes", "1") })
        #expect(query.contains { $0 == ("include", "completed") })
        let responseUuid = try #require(responses.first?["uuid"]?.stringValue)
        let tagged = try await harness.run("tagResponse", ["uuid": .string(responseUuid), "tags": ["pricing", "churn"]])
        #expect(tagged.first?["message"] == "ok")
        #expect(try harness.lastRequest?.jsonBody()["tags"] == ["pricing", "churn"])
    }

    @Test(arguments: ["nps", "csat", "ratings", "distribution", "count"])
    func getReporting(type: String) async throws {
        let harness = try RefinerHarness()
        let outputs = try await harness.run("getReporting", ["type": .string(type)])
        #expect(outputs.count == 1)
        #expect(outputs.first?["date_range_start"] != nil)
        #expect(harness.lastRequest?.queryItems.contains { $0 == ("type", type) } == true)
    }

    @Test func getReportingRejectsAnUnknownType() async throws {
        let harness = try RefinerHarness()
        #expect(await harness.error("getReporting", ["type": "mood"])?.rule == "options")
        #expect(harness.transport.requests.isEmpty)
    }

    @Test func makeApiCallCallsAnyPathRelativeToTheBase() async throws {
        let harness = try RefinerHarness()
        let outputs = try await harness.run("makeApiCall", ["url": "/contacts", "method": "GET", "qs": ["page_length": 2], "headers": ["X-Debug": "1"]])
        let output = try #require(outputs.first)
        #expect(output["statusCode"] == 200)
        #expect(output["body"]?["items"]?.arrayValue?.count == 2)
        let request = try #require(harness.lastRequest)
        #expect(request.target == "http://sandbox.test/v1/contacts?page_length=2")
        #expect(request.headers["X-Debug"] == "1")
        #expect(await harness.error("makeApiCall", ["url": "https://elsewhere.example/x", "method": "GET"])?.rule == "pattern")
    }

    @Test func watchResponsesReturnsNewResponsesOldestFirst() async throws {
        let harness = try RefinerHarness()
        let first = try await harness.runner.collect("watchResponses", input: ["limit": 5], connection: harness.connection)
        #expect(first.count == 5)
        let dates = first.compactMap { $0.key?.date }
        #expect(dates == dates.sorted())
        let newest = try #require(first.last?.key)
        let position = TriggerPosition(lastDate: newest.date, sameDateIds: [newest.id])
        let next = try await harness.runner.collect("watchResponses", input: ["limit": 5], connection: harness.connection, position: position)
        #expect(next.isEmpty)
        #expect(harness.transport.requests.last?.queryItems.contains { $0 == ("page_length", "5") } == true)
    }

    /// From a saved position only what is new is asked for: `date_range_start` is the position's date
    /// (inclusive), and the responses seen at that date are not output again. Without a position the
    /// whole survey is read.
    @Test func watchResponsesAsksOnlyForWhatIsNew() async throws {
        let harness = try RefinerHarness()
        let first = try await harness.runner.collect("watchResponses", input: ["limit": 3], connection: harness.connection)
        #expect(harness.lastRequest?.queryItems.contains { $0.name == "date_range_start" } == false)
        let newest = try #require(first.last?.key)
        let position = TriggerPosition(lastDate: newest.date, sameDateIds: [newest.id])
        _ = try await harness.runner.collect("watchResponses", input: ["limit": 3], connection: harness.connection, position: position)
        let start = try #require(harness.lastRequest?.queryItems.first { $0.name == "date_range_start" }?.value)
        #expect(start == ISODate.string(try #require(newest.date)))
    }

    /// Survey interactions carry a form and a response; a segment entry only the contact. The segment
    /// trigger takes none of the survey events, whatever their name.
    @Test(arguments: ["Completed Survey", "Saw Survey", "Dismissed Survey", "Some future event"])
    func theSegmentTriggerIgnoresSurveyInteractions(event: String) throws {
        let harness = try RefinerHarness()
        let app = try Fixtures.refinerApp()
        var interaction = try #require(app.modules["watchCompletedSurvey"]?.samples)
        interaction["triggered_event"] = .string(event)
        #expect(try harness.runner.webhookOutputs("watchUserEnteredSegment", input: [:], payload: interaction).isEmpty)
    }

    @Test func instantTriggersFilterWebhookDeliveries() throws {
        let harness = try RefinerHarness()
        let app = try Fixtures.refinerApp()
        let completed = try #require(app.modules["watchCompletedSurvey"]?.samples)
        let segment = try #require(app.modules["watchUserEnteredSegment"]?.samples)
        #expect(try harness.runner.webhookOutputs("watchCompletedSurvey", input: [:], payload: completed).map(\.bundle) == [completed])
        #expect(try harness.runner.webhookOutputs("watchCompletedSurvey", input: [:], payload: segment).isEmpty)
        #expect(try harness.runner.webhookOutputs("watchCompletedSurvey", input: ["formUuid": "00000000-0000-0000-0000-000000000000"], payload: completed).isEmpty)
        #expect(try harness.runner.webhookOutputs("watchUserEnteredSegment", input: [:], payload: segment).count == 1)
        #expect(try harness.runner.webhookOutputs("watchUserEnteredSegment", input: [:], payload: completed).isEmpty)
    }

    @Test func aWrongKeyIsAnInvalidAccessTokenError() async throws {
        let harness = try RefinerHarness()
        var connection = harness.connection
        connection["apiKey"] = "short"
        let error = await #expect(throws: ModuleError.self) {
            try await harness.runner.collect("getAccountInfo", input: [:], connection: connection)
        }
        #expect(error?.kind == .invalidAccessToken)
        #expect(error?.message.contains("REFINER_API_KEY") == true)
    }

    @Test func theAPIKeyAppearsNowhereInOutputsOrErrors() async throws {
        let harness = try RefinerHarness()
        let key = harness.sandbox.apiKey
        var text = ""
        for module in ["getAccountInfo", "listSegments", "listForms"] {
            let input: JSONObject = module == "getAccountInfo" ? [:] : ["limit": 3]
            text += try await harness.run(module, input).description
        }
        text += try await harness.run("makeApiCall", ["url": "/", "method": "GET"]).description
        text += String(describing: await harness.error("getContact", ["id": .string("nobody-\(key)")]))
        text += String(describing: await harness.error("makeApiCall", ["url": .string("/nowhere?api_key=\(key)"), "method": "GET"]))
        #expect(!text.isEmpty)
        #expect(!text.contains(key))
    }
}
