# The XML libraries over pyexpat: ElementTree (fromstring, parse, iterparse,
# XMLPullParser, namespaces, errors), minidom, sax, plistlib, xmlrpc.
import io
import xml.etree.ElementTree as ET

r = ET.fromstring('<root xmlns:a="urn:a" x="1"><a:b y="2">text<c/>tail</a:b>'
                  '<!-- c --><?pi data?></root>')
print(r.tag, r.attrib, [(e.tag, e.attrib, e.text, e.tail) for e in r.iter()])
print(ET.tostring(r))
print(ET.tostring(r, encoding="unicode", method="text"))

tree = ET.parse(io.BytesIO(b"<?xml version='1.0' encoding='latin-1'?><a><b>\xe9</b></a>"))
print(tree.getroot().find("b").text, ET.tostring(tree.getroot(), encoding="unicode"))

for ev, el in ET.iterparse(io.BytesIO(b'<a><b>1</b><b>2</b></a>'), events=("start", "end")):
    print(ev, el.tag, el.text)

p = ET.XMLPullParser(events=("start", "end", "start-ns", "end-ns", "comment", "pi"))
p.feed('<x xmlns="u" xmlns:q="v"><y q:at="1">')
print([(e, getattr(el, "tag", el)) for e, el in p.read_events()])
p.feed('<!--hi--><?target body?></y></x>')
p.close()
print([(e, el.text if e in ("comment", "pi") else getattr(el, "tag", el)) for e, el in p.read_events()])

for bad in ("<a><b></a>", "<a>", "", "<a x='1' x='2'/>", "<a>&nope;</a>"):
    try:
        ET.fromstring(bad)
    except ET.ParseError as e:
        print(type(e).__name__, e, e.code, e.position)

ns = ET.fromstring('<r xmlns="urn:d" xmlns:p="urn:p"><p:a/><b/></r>')
print([e.tag for e in ns.iter()], [e.tag for e in ns.findall("{urn:p}a")], len(ns.findall("p:a", {"p": "urn:p"})))
root = ET.Element("top", attrib={"k": "v"})
ET.SubElement(root, "child", attrib={"key1": "value1"}, extra="2").text = "t & <x>"
data = ET.tostring(root)
print(data, ET.tostring(ET.fromstring(data)) == data)
tb = ET.TreeBuilder()
xp = ET.XMLParser(target=tb)
xp.feed("<a><b/></a>")
print(ET.tostring(xp.close()), xp.version.startswith("Expat "))

import xml.dom.minidom as md
d = md.parseString('<doc a="1"><e>hi &amp; bye</e><![CDATA[x<y]]><?pi x?></doc>')
print(d.toxml())
print(d.documentElement.toprettyxml())
print(md.parseString(d.toxml()).toxml() == d.toxml())

import xml.sax, xml.sax.handler
class H(xml.sax.handler.ContentHandler):
    def startElement(self, n, a): print("S", n, dict(a))
    def endElement(self, n): print("E", n)
    def characters(self, c): print("C", repr(c))
    def processingInstruction(self, t, d): print("PI", t, d)
xml.sax.parseString(b"<a x='1'>t<b/><?p d?></a>", H())
try:
    xml.sax.parseString(b"<a>", H())
except xml.sax.SAXParseException as e:
    print(type(e).__name__, e)

import plistlib
b = plistlib.dumps({"a": [1, 2.5, "s", True], "d": b"xx", "n": {"x": -1}})
print(b.decode())
print(plistlib.loads(b))

import xmlrpc.client
s = xmlrpc.client.dumps((1, "a", [2, 3], {"k": 1.5}), "meth")
print(s)
print(xmlrpc.client.loads(s))
