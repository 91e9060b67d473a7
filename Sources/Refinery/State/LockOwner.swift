import Foundation

/// The `owner` file of a state lock: which process holds it, since when, and until when its lease runs.
/// Lines of `name=value`; files of earlier versions (without `boot`, `renewed`, `lease`) read too.
struct LockOwner: Hashable {
    var pid: String
    var host: String
    /// `/proc/sys/kernel/random/boot_id` of the owner's host when it took the lock, if known.
    var boot: String?
    var token: String
    var since: Date?
    var renewed: Date?
    var lease: TimeInterval?

    static func current(since: Date, lease: TimeInterval) -> LockOwner {
        let info = ProcessInfo.processInfo
        return LockOwner(pid: String(info.processIdentifier), host: info.hostName, boot: bootId, token: UUID().uuidString,
                         since: since, renewed: since, lease: lease)
    }

    init(pid: String, host: String, boot: String?, token: String, since: Date?, renewed: Date?, lease: TimeInterval?) {
        self.pid = pid
        self.host = host
        self.boot = boot
        self.token = token
        self.since = since
        self.renewed = renewed
        self.lease = lease
    }

    init(text: String) {
        var fields: [String: String] = [:]
        for line in text.split(separator: "\n") {
            guard let equals = line.firstIndex(of: "=") else { continue }
            fields[String(line[..<equals])] = String(line[line.index(after: equals)...])
        }
        let date = { (name: String) in fields[name].flatMap(Double.init).map(Date.init(timeIntervalSince1970:)) }
        self.init(pid: fields["pid"] ?? "", host: fields["host"] ?? "", boot: fields["boot"], token: fields["token"] ?? "",
                  since: date("since"), renewed: date("renewed"), lease: fields["lease"].flatMap(Double.init))
    }

    var text: String {
        var lines = ["pid=\(pid)", "host=\(host)"]
        if let boot { lines.append("boot=\(boot)") }
        lines.append("token=\(token)")
        if let since { lines.append("since=\(since.timeIntervalSince1970)") }
        if let renewed { lines.append("renewed=\(renewed.timeIntervalSince1970)") }
        if let lease { lines.append("lease=\(lease)") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Whether the owner provably no longer holds the lock: its lease ran out, or it is a process of this
    /// host that is gone (the host restarted since, or the pid no longer runs). An owner that cannot be
    /// read (a lock being broken or released this instant) is not gone.
    func isGone(now: Date) -> Bool {
        guard !token.isEmpty else { return false }
        let lastSign = renewed ?? since ?? .distantPast
        if now.timeIntervalSince(lastSign) > lease ?? LockLease().duration { return true }
        guard host == ProcessInfo.processInfo.hostName else { return false }
        if let boot, let current = Self.bootId, boot != current { return true }
        guard FileManager.default.fileExists(atPath: "/proc/self") else { return false }
        return !FileManager.default.fileExists(atPath: "/proc/\(pid)")
    }

    var description: String { "held by pid \(pid.isEmpty ? "?" : pid) on \(host.isEmpty ? "?" : host)" }

    /// This host's boot id (Linux), which changes on every restart: a pid from another boot is gone.
    static let bootId: String? = (try? String(contentsOfFile: "/proc/sys/kernel/random/boot_id", encoding: .utf8))
        .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        .flatMap { $0.isEmpty ? nil : $0 }
}
