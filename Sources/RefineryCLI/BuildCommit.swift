/// The git commit this binary was built from. `Scripts/install.sh` writes it here just before its release
/// build and puts this file back afterwards, so a plain `swift build` (and the checked-in file) says nil:
/// "unknown commit".
enum BuildCommit {
    static let hash: String? = nil
}
