@testable import Refinery
import Testing

/// The HTML-to-text converter behind `regexp:HTMLToText`.
@Suite struct HTMLTextTests {
    /// An order confirmation as mail clients send it: a head with styles, layout tables, a heading,
    /// paragraphs, a list, links, entities, a script and comments.
    static let email = """
    <!DOCTYPE html>
    <html><head><meta charset="utf-8"><title>Your order</title>
    <style>td { padding: 0 } .x { color: red }</style></head>
    <body style="margin:0">
    <!-- preheader -->
    <table role="presentation" width="100%"><tr><td>
      <h1>Thanks for your order, Ada!</h1>
      <p>Order <b>#1042</b> ships&nbsp;today.<br/>Track it <a href="https://shop.example/track?id=1042&amp;s=1">here</a>.</p>
      <ul>
        <li>2 &times; Notebook &ndash; &euro;12.00</li>
        <li>1 × Pen</li>
      </ul>
      <p>Questions? Write to <a href="mailto:help@shop.example">help@shop.example</a> or see <a href="#faq">the FAQ</a>.</p>
      <script>trackOpen();</script>
    </td></tr></table>
    <div>Shop&#32;Example &#x2014; 1 Main St</div>
    </body></html>
    """

    @Test func anEmailBecomesReadableText() {
        let text = HTMLText(uppercaseHeadings: true).text(of: Self.email)
        #expect(text == """
        THANKS FOR YOUR ORDER, ADA!

        Order #1042 ships\u{00A0}today.
        Track it here [https://shop.example/track?id=1042&s=1].

         * 2 × Notebook – €12.00
         * 1 × Pen

        Questions? Write to help@shop.example [help@shop.example] or see the FAQ.

        Shop Example — 1 Main St
        """)
    }

    @Test func headingsKeepTheirCaseUnlessAsked() {
        #expect(HTMLText().text(of: "<h3>Hello</h3>x") == "Hello\n\nx")
    }

    @Test(arguments: [
        ("a<br>b<br><br>c", "a\nb\n\nc"),
        ("<p>a</p><p>b</p>", "a\n\nb"),
        ("<div>a</div><div>b</div>", "a\nb"),
        ("<ol><li>one</li><li>two</li></ol>", " 1. one\n 2. two"),
        ("<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>", "a b\nc"),
        ("  lots   of\n\n  space  ", "lots of space"),
        ("<pre>  keep\n   this</pre>", "  keep\n   this"),
        ("1 < 2 &amp;&amp; 3 > 2 &unknown; &#0;", "1 < 2 && 3 > 2 &unknown; &#0;"),
        ("<a href=\"https://x.io\"></a>", "https://x.io"),
        ("<p>unclosed <b>bold", "unclosed bold"),
        ("<STYLE>p{}</STYLE><Script type='x'>if (a < b) {}</SCRIPT>ok", "ok"),
        ("a<!-- hidden --><?xml x?>b", "ab"),
        ("<img src='x.png' alt='logo'>text", "text"),
    ])
    func elementsBecomeLines(html: String, text: String) {
        #expect(HTMLText().text(of: html) == text)
    }

    @Test func newlinesAreTheOnesAsked() {
        #expect(HTMLText().text(of: "<p>a</p>b<br>c", newline: "\r\n") == "a\r\n\r\nb\r\nc")
    }

    @Test func entitiesDecode() {
        #expect(HTMLEntities.decode("&lt;&gt;&amp;&quot;&apos;&#233;&#xE9;&eacute;&bogus;&") == "<>&\"'ééé&bogus;&")
    }
}
