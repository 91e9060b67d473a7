import RefineryHTTP
import Testing

@Suite struct MultipartFormDataTests {
    @Test func partsInOrderWithOneClosingBoundary() {
        let form = MultipartFormData([.text(name: "a", value: "1"), .file(name: "f", fileName: "x.txt", contentType: "text/plain", bytes: Array("hi".utf8))])
        let boundary = form.boundary
        #expect(String(decoding: form.bytes, as: UTF8.self) == """
        --\(boundary)\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n\
        --\(boundary)\r\nContent-Disposition: form-data; name="f"; filename="x.txt"\r\nContent-Type: text/plain\r\n\r\nhi\r\n\
        --\(boundary)--\r\n
        """)
        #expect(form.contentType == "multipart/form-data; boundary=\(boundary)")
    }

    @Test func theSameFieldsGiveTheSameBytesSoARecordingReplays() {
        let parts: [MultipartFormData.Part] = [.text(name: "a", value: "1")]
        #expect(MultipartFormData(parts).bytes == MultipartFormData(parts).bytes)
        #expect(MultipartFormData(parts).boundary != MultipartFormData([.text(name: "a", value: "2")]).boundary)
    }

    @Test func theBoundaryNeverOccursInAPart() {
        let first = MultipartFormData([.text(name: "a", value: "x")]).boundary
        let form = MultipartFormData([.text(name: "a", value: "x"), .text(name: "b", value: "--\(first)--")])
        let second = MultipartFormData([.text(name: "a", value: "x"), .text(name: "b", value: "--\(form.boundary)--")])
        #expect(!String(decoding: second.parts.map { part in
            if case .text(_, let value) = part { return value } else { return "" }
        }.joined().utf8, as: UTF8.self).contains(second.boundary))
    }

    @Test func quotesAndLineBreaksInNamesAreEncoded() {
        let form = MultipartFormData([.text(name: "a\"b\r\nc", value: "v")])
        #expect(String(decoding: form.bytes, as: UTF8.self).contains(#"name="a%22b%0D%0Ac""#))
    }
}
