# pyexpat: namespaces (separator, namespace_prefixes), encodings (utf-8,
# latin-1, utf-16, a single-byte codec through the unknown-encoding hook,
# the encoding argument, str input), ParseFile, incremental Parse,
# SetBase/GetBase, ExternalEntityParserCreate, SetParamEntityParsing.
import io
from xml.parsers import expat

def events(p):
    out = []
    p.StartElementHandler = lambda n, a: out.append(("start", n, a))
    p.EndElementHandler = lambda n: out.append(("end", n))
    p.CharacterDataHandler = lambda t: out.append(("text", t))
    p.StartNamespaceDeclHandler = lambda pre, uri: out.append(("ns", pre, uri))
    p.EndNamespaceDeclHandler = lambda pre: out.append(("endns", pre))
    return out

NS = b"""<r xmlns="urn:default" xmlns:p="urn:p"><p:a p:x="1" y="2"/><b xmlns=""/></r>"""
for sep, prefixes in ((None, False), ("}", False), (" ", True), ("", False)):
    p = expat.ParserCreate(namespace_separator=sep)
    p.namespace_prefixes = prefixes
    out = events(p)
    p.Parse(NS, True)
    print(repr(sep), prefixes, p.namespace_prefixes)
    for e in out:
        print("  ", e)

print("-- encodings")
def show(data, **kw):
    p = expat.ParserCreate(**kw)
    out = events(p)
    try:
        p.Parse(data, True)
        print([e for e in out if e[0] != "ns"])
    except Exception as e:
        print(type(e).__name__, e)

text = "<a t='\u00e9\u00fc'>caf\u00e9 \u00df</a>"
show(text.encode("utf-8"))
show(b"<?xml version='1.0' encoding='iso-8859-1'?>" + text.encode("latin-1"))
show(text.encode("latin-1"), encoding="iso-8859-1")
show(("<?xml version='1.0' encoding='utf-16'?>" + text).encode("utf-16"))
show(text.encode("utf-16-le"), encoding="utf-16-le")
show(("<?xml version='1.0' encoding='cp1252'?><a>\u20ac \u2019</a>").encode("cp1252"))
show(("<?xml version='1.0' encoding='iso-8859-15'?><a>\u20ac</a>").encode("iso-8859-15"))
show(b"<?xml version='1.0' encoding='no-such-codec'?><a/>")
show(b"<?xml version='1.0' encoding='utf-8'?><a>\xff</a>")
show("<a>\u263a \U0001f600</a>")
show("<?xml version='1.0' encoding='latin-1'?><a>\u00e9</a>")

print("-- incremental")
p = expat.ParserCreate()
out = events(p)
doc = b"<root><item n='1'>one</item><item n='2'>t\xc3\xa9</item></root>"
for i in range(0, len(doc), 3):
    print(p.Parse(doc[i:i + 3]), end=" ")
print(p.Parse(b"", True))
print(out)
p = expat.ParserCreate()
out = events(p)
p.Parse(bytearray(b"<a>x</a>"), True)
p2 = expat.ParserCreate()
p2.Parse(memoryview(b"<a/>"), 1)
print(out)

print("-- ParseFile")
class Reader:
    def __init__(self, data, chunk=None):
        self.f = io.BytesIO(data)
        self.sizes = []
        self.chunk = chunk
    def read(self, n):
        self.sizes.append(n)
        return self.f.read(self.chunk or n)
r = Reader(b"<a>" + b"<b>x</b>" * 600 + b"</a>")
p = expat.ParserCreate()
out = events(p)
print(p.ParseFile(r), len(out), sorted(set(r.sizes)))
p = expat.ParserCreate()
try:
    p.ParseFile(Reader(b"<a><b></a>", chunk=2))
except expat.ExpatError as e:
    print(e)
class Bad:
    def read(self, n):
        return "text"
try:
    expat.ParserCreate().ParseFile(Bad())
except TypeError as e:
    print(type(e).__name__, e)
class Big:
    def read(self, n):
        return b"x" * (n + 1)
try:
    expat.ParserCreate().ParseFile(Big())
except ValueError as e:
    print(type(e).__name__, e)
class Raises:
    def read(self, n):
        raise OSError("disk")
try:
    expat.ParserCreate().ParseFile(Raises())
except OSError as e:
    print(type(e).__name__, e)

print("-- SetBase / GetBase")
p = expat.ParserCreate()
print(p.GetBase())
p.SetBase("http://example.com/base/")
print(p.GetBase())

print("-- external entities")
DTD = b"""<!DOCTYPE doc [
<!ENTITY ext SYSTEM "ext.xml">
]><doc>&ext;</doc>"""
p = expat.ParserCreate()
p.SetBase("file:///base/")
out = events(p)
def ext_ref(context, base, sysid, pubid):
    print("ext", context, base, sysid, pubid)
    child = p.ExternalEntityParserCreate(context)
    print("child", child.StartElementHandler is p.StartElementHandler, child.buffer_text)
    child.Parse(b"<inner>from ext</inner>", True)
    return 1
p.ExternalEntityRefHandler = ext_ref
p.Parse(DTD, True)
print(out)
p = expat.ParserCreate()
p.ExternalEntityRefHandler = lambda *a: 0
try:
    p.Parse(DTD, True)
except expat.ExpatError as e:
    print(e)

print("-- SetParamEntityParsing / UseForeignDTD")
p = expat.ParserCreate()
print(p.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_ALWAYS))
calls = []
p.ExternalEntityRefHandler = lambda *a: calls.append(a) or 1
p.UseForeignDTD()
p.Parse(b"<a/>", True)
print(calls)
p = expat.ParserCreate()
p.UseForeignDTD(False)
p.Parse(b"<a/>", True)
try:
    p.UseForeignDTD(True)
except expat.ExpatError as e:
    print(e)
