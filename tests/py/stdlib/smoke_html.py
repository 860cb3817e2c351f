# html: escape/unescape (named, numeric, invalid references), and
# html.parser.HTMLParser callbacks over a small document.
import html
from html.parser import HTMLParser

print(html.escape('<a href="x">Tom & Jerry\'s</a>'), html.escape("<b>'q'</b>", quote=False))
for s in ["&lt;p&gt;", "&amp;amp;", "&eacute;t&eacute;", "&#65;&#x42;&#x1F600;", "&copy 2024", "&notin; &notit;", "&#0;", "&#x110000;", "&unknown;", "&#128;"]:
    print(repr(s), repr(html.unescape(s)))


class P(HTMLParser):
    def handle_starttag(self, tag, attrs):
        print("start", tag, attrs)

    def handle_endtag(self, tag):
        print("end", tag)

    def handle_startendtag(self, tag, attrs):
        print("startend", tag, attrs)

    def handle_data(self, data):
        if data.strip():
            print("data", repr(data))

    def handle_comment(self, data):
        print("comment", repr(data))

    def handle_decl(self, decl):
        print("decl", decl)

    def handle_pi(self, data):
        print("pi", data)

    def handle_entityref(self, name):
        print("entityref", name)

    def handle_charref(self, name):
        print("charref", name)


doc = """<!DOCTYPE html>
<html><head><title>T &amp; t</title><?xml-stylesheet x?></head>
<body class="main" id=b1 data-x='y z' hidden>
<!-- a comment -->
<p>Hello <b>bold</b> &copy; &#169;<br/><img src="a.png" alt=""></p>
<script>if (a < b) { x = "</p>"; }</script>
<UL><LI>One<LI>Two</UL>
</body></html>"""
p = P(convert_charrefs=False)
p.feed(doc)
p.close()
print(p.getpos())
q = P()
q.feed("<a href='x?a=1&amp;b=2'>A &amp; B &lt; C</a>")
q.feed("<p>split ")
q.feed("across feeds</p>")
q.close()


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.links.append(dict(attrs).get("href"))


lp = Links()
lp.feed('<a href="/1">x</a><A HREF="/2">y</A><a name=n>z</a><a href=/3 >w</a>')
print(lp.links)
