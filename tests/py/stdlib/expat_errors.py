# pyexpat: ExpatError messages, codes and positions; Current*/Error*
# attributes; a handler's exception stops the parse and clears the handlers;
# argument errors.
from xml.parsers import expat

def parse(data, final=True, **kw):
    p = expat.ParserCreate(**kw)
    try:
        p.Parse(data, final)
        print("ok")
    except expat.ExpatError as e:
        print(type(e).__name__, e, e.code, e.lineno, e.offset, expat.errors.messages[e.code])
        print("  ", p.ErrorCode, p.ErrorLineNumber, p.ErrorColumnNumber, p.ErrorByteIndex)
    return p

parse(b"<a>&foo;</a>")
parse(b"<a><b></a>")
parse(b"<a></a><b/>")
parse(b"")
parse(b"<a x='1' x='2'/>")
parse(b"<a>\n  <b>\n\x01</b></a>")
parse(b"\0\r\n")
parse(b"<a>")
parse(b"<a>", final=False)
parse(b"<x:a/>", namespace_separator=" ")
parse("<a>\u00e9\n\u20ac<b c='\u263a'/><</a>")

print("-- positions inside handlers")
p = expat.ParserCreate()
def pos(*a):
    print(" ", a[0], p.CurrentByteIndex, p.CurrentLineNumber, p.CurrentColumnNumber)
p.StartElementHandler = pos
p.EndElementHandler = pos
p.Parse(b"<a>\n <b>\n  <c/>\n </b>\n</a>", True)
print(p.CurrentLineNumber, p.CurrentColumnNumber, p.CurrentByteIndex)

print("-- GetInputContext")
p = expat.ParserCreate()
p.StartElementHandler = lambda n, a: print(" ", n, p.GetInputContext())
p.Parse(b"<outer><inner a='1'/></outer>", True)
print(p.GetInputContext())

print("-- a handler that raises")
p = expat.ParserCreate()
seen = []
def start(name, attrs):
    seen.append(name)
    if name == "b":
        raise RuntimeError(name)
p.StartElementHandler = start
p.EndElementHandler = seen.append
p.CharacterDataHandler = seen.append
try:
    p.Parse(b"<a>x<b>y<c/></b></a>", True)
except RuntimeError as e:
    print(type(e).__name__, e)
print(seen, p.StartElementHandler, p.EndElementHandler)
try:
    p.Parse(b"<d/>", True)
except expat.ExpatError as e:
    print(type(e).__name__, e)

print("-- the exception of a buffered CharacterDataHandler")
p = expat.ParserCreate()
p.buffer_text = True
def chars(t):
    raise ValueError(t)
p.CharacterDataHandler = chars
try:
    p.Parse(b"<a>text</a>", True)
except ValueError as e:
    print(type(e).__name__, e)

print("-- NotStandalone returning 0")
p = expat.ParserCreate()
p.NotStandaloneHandler = lambda: 0
parse_doc = b'<?xml version="1.0" standalone="no"?><!DOCTYPE a SYSTEM "x"><a/>'
try:
    p.Parse(parse_doc, True)
except expat.ExpatError as e:
    print(e, e.code == expat.errors.codes[expat.errors.XML_ERROR_NOT_STANDALONE])

print("-- arguments")
p = expat.ParserCreate()
tries = [
    lambda: expat.ParserCreate(encoding=1),
    lambda: expat.ParserCreate(namespace_separator=1),
    lambda: expat.ParserCreate(namespace_separator="ab"),
    lambda: expat.ParserCreate(intern=[]),
    lambda: expat.ParserCreate(foo=1),
    lambda: expat.XMLParserType(),
    lambda: p.Parse(1),
    lambda: p.Parse(b"", isfinal=True),
    lambda: p.Parse(b"", 1.5),
    lambda: p.ParseFile(1),
    lambda: p.ParseFile(),
    lambda: p.SetBase(1),
    lambda: setattr(p, "ErrorCode", 1),
    lambda: setattr(p, "buffer_used", 1),
    lambda: setattr(p, "intern", {}),
    lambda: delattr(p, "StartElementHandler"),
    lambda: delattr(p, "buffer_text"),
    lambda: delattr(p, "intern"),
    lambda: p.nosuchattr,
    lambda: p.ExternalEntityParserCreate(1),
    lambda: expat.ErrorString("x"),
]
for t in tries:
    try:
        r = t()
        print("ok", r)
    except Exception as e:
        print(type(e).__name__, e)
print(expat.ExpatError.__module__, expat.ExpatError.__mro__[1], expat.XMLParserType.__name__)
print(repr(expat.errors)[:24], repr(expat.model)[:23])
