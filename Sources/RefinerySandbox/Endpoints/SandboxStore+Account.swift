import Foundation
import RefineryJSON

/// GET / (the key check) and GET /account (plan and usage that move as the API is used).
extension SandboxStore {
    func root() -> JSONValue {
        ["project_uuid": .string(projectUUID), "project_name": .string(projectName), "message": "API key is valid"]
    }

    func account(now: Date) -> JSONValue {
        let updated = SandboxStore.time(now)
        let subscription: JSONValue = [
            "plan": "Growth",
            "mtu_count": .int(usage.trackedUsers), "mtu_limit": 10_000, "mtu_count_updated_at": updated,
            "mte_count": .int(usage.trackedEvents), "mte_count_updated_at": updated,
            "mpv_count": .int(usage.pageViews), "mpv_limit": 1_000_000, "mpv_count_updated_at": updated,
            "msr_count": .int(usage.surveyResponses), "msr_limit": 100_000, "msr_count_updated_at": updated,
        ]
        let environment: JSONValue = [
            "uuid": .string(projectUUID), "name": .string(projectName), "mtu": .int(usage.trackedUsers),
            "mte": .int(usage.trackedEvents), "mpv": .int(usage.pageViews), "msr": .int(usage.surveyResponses),
        ]
        return ["subscription": subscription, "environments": [environment]]
    }
}
