import Foundation
import RefineryHTTP
import RefineryTesting
import Testing

/// Every form a secret can travel in is found and replaced: an API that echoes the key back in any of
/// them (error bodies, debug endpoints, Basic credentials) cannot make it reach output.
@Suite struct SecretFormsTests {
    static let secret = "rk_live/echo+0123 456789abcdef"

    static var echoes: [String] { SecretEchoes.forms(of: secret) }

    /// What is left after the replacement decodes to no more than two bytes of the secret on each side.
    @Test(arguments: echoes)
    func everyFormIsReplaced(echo: String) {
        let patterns = SecretPatterns(secrets: [Self.secret])
        let text = "{\"error\": \"key \(echo) is not valid\"}"
        #expect(patterns.contains(text))
        let (redacted, found) = patterns.replacing(in: text, with: "<redacted>")
        #expect(found.allSatisfy { $0 == 0 } && !found.isEmpty)
        #expect(redacted.contains("<redacted>"))
        #expect(!SecretEchoes.reveal(Self.secret, in: redacted), "\(redacted)")
    }

    @Test func aTextWithoutSecretsIsReturnedAsItIs() {
        let patterns = SecretPatterns(secrets: [Self.secret])
        let text = "{\"items\": [\"rk_live\", \"0123\", \"abcdef\"]}"
        #expect(!patterns.contains(text))
        #expect(patterns.replacing(in: text, with: "<redacted>") == (text, []))
    }

    /// Base64 cores shorter than `minimumCoreLength` are not searched for: a short secret's would match
    /// ordinary words.
    @Test func shortSecretsHaveNoShortCores() {
        let forms = SecretForms.all("abcd")
        #expect(forms.allSatisfy { $0.count >= 4 })
        #expect(!SecretPatterns(secrets: ["abcd"]).contains("YmNk is not a secret, nor is Jj"))
    }

    /// A secret that is the whole text, or its very end, is found (the two-byte start filter stops one
    /// byte before the end).
    @Test func aSecretAtTheEdgesOfTheTextIsFound() {
        let patterns = SecretPatterns(secrets: ["abc"])
        #expect(patterns.contains("abc"))
        #expect(patterns.contains("xxabc"))
        #expect(patterns.replacing(in: "abcabc", with: "#").text == "##")
        #expect(!patterns.contains("ab"))
    }

    @Test func theLongestSecretIsReplacedWhole() {
        let patterns = SecretPatterns(secrets: ["token", "token-and-more"])
        let (redacted, found) = patterns.replacing(in: "a token-and-more, a token", with: "#")
        #expect(redacted == "a #, a #")
        #expect(found == [1, 0])
    }

    @Test func bytesAreReplacedLikeText() {
        let patterns = SecretPatterns(secrets: [Self.secret])
        let bytes = Array("x \(Data(Self.secret.utf8).base64EncodedString()) y".utf8)
        let (redacted, found) = patterns.replacing(in: bytes, with: Array("#".utf8))
        #expect(String(decoding: redacted, as: UTF8.self) == "x # y")
        #expect(found == [0])
    }
}
