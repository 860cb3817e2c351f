# pyexpat: the order and arguments of every handler, CharacterData with and
# without buffer_text, ordered/specified attributes, intern.
import pyexpat
from xml.parsers import expat
from xml.parsers.expat import errors, model

print(expat.ParserCreate is pyexpat.ParserCreate, expat.ExpatError is pyexpat.error)
print(pyexpat.version_info == tuple(int(x) for x in pyexpat.EXPAT_VERSION.split("_")[1].split(".")))
print(pyexpat.native_encoding, type(pyexpat.features), pyexpat.features[0])
print(pyexpat.XML_PARAM_ENTITY_PARSING_NEVER, pyexpat.XML_PARAM_ENTITY_PARSING_UNLESS_STANDALONE,
      pyexpat.XML_PARAM_ENTITY_PARSING_ALWAYS)
print(model.XML_CTYPE_EMPTY, model.XML_CTYPE_ANY, model.XML_CTYPE_MIXED, model.XML_CTYPE_NAME,
      model.XML_CTYPE_CHOICE, model.XML_CTYPE_SEQ, model.XML_CQUANT_NONE, model.XML_CQUANT_OPT,
      model.XML_CQUANT_REP, model.XML_CQUANT_PLUS)
print(errors.XML_ERROR_SYNTAX, errors.codes[errors.XML_ERROR_SYNTAX],
      errors.messages[errors.codes[errors.XML_ERROR_TAG_MISMATCH]])
print(sorted(errors.codes.values()) == sorted(errors.messages))
print(pyexpat.ErrorString(2), pyexpat.ErrorString(9999))

HANDLERS = ["StartElementHandler", "EndElementHandler", "ProcessingInstructionHandler",
            "CharacterDataHandler", "UnparsedEntityDeclHandler", "NotationDeclHandler",
            "StartNamespaceDeclHandler", "EndNamespaceDeclHandler", "CommentHandler",
            "StartCdataSectionHandler", "EndCdataSectionHandler", "DefaultHandler",
            "DefaultHandlerExpand", "NotStandaloneHandler", "ExternalEntityRefHandler",
            "StartDoctypeDeclHandler", "EndDoctypeDeclHandler", "EntityDeclHandler",
            "XmlDeclHandler", "ElementDeclHandler", "AttlistDeclHandler", "SkippedEntityHandler"]

DOC = b"""<?xml version="1.0" encoding="utf-8" standalone="no"?>
<!DOCTYPE root SYSTEM "root.dtd" [
  <!ELEMENT root (a|b)*>
  <!ELEMENT a (#PCDATA|b)*>
  <!ELEMENT b EMPTY>
  <!ATTLIST a x CDATA #REQUIRED y (p|q) "p">
  <!ENTITY e "ent&#233;">
  <!ENTITY img SYSTEM "img.gif" NDATA gif>
  <!NOTATION gif PUBLIC "-//gif">
]>
<?pi target data?>
<root>
  <!-- a comment -->
  <a x="1">text &e; &amp; more<b/></a>
  <![CDATA[cdata <here>]]>
  <a x="2" y="q">&#x263A;</a>
</root>
"""


def run(skip=(), **flags):
    p = expat.ParserCreate()
    for k, v in flags.items():
        setattr(p, k, v)
    out = []
    for name in HANDLERS:
        if name in skip:
            continue
        def h(*args, name=name):
            out.append((name[:-7] if name.endswith("Handler") else name,) + args)
            if name in ("NotStandaloneHandler", "ExternalEntityRefHandler"):
                return 1
        setattr(p, name, h)
    print(p.Parse(DOC, True))
    for e in out:
        print(" ", e)


run(skip={"DefaultHandler", "DefaultHandlerExpand"})
print("-- buffer_text + ordered_attributes")
run(skip={"DefaultHandler", "DefaultHandlerExpand"}, buffer_text=True, ordered_attributes=True)
print("-- DefaultHandlerExpand only")
p = expat.ParserCreate()
got = []
p.DefaultHandlerExpand = got.append
p.Parse(b"<a x='1'>t&amp;<!--c--></a>", True)
print(got)
print("-- DefaultHandler (no expansion of internal entities)")
p = expat.ParserCreate()
got = []
p.DefaultHandler = got.append
p.Parse(b"<!DOCTYPE a [<!ENTITY e 'E'>]><a>&e;</a>", True)
print(got)

print("-- specified_attributes")
for spec in (False, True):
    p = expat.ParserCreate()
    p.specified_attributes = spec
    p.StartElementHandler = lambda n, a: print(" ", n, a)
    p.Parse(b"<!DOCTYPE a [<!ATTLIST a d CDATA 'dflt'>]><a s='1'/>", True)

print("-- buffer_text attributes")
p = expat.ParserCreate()
print(p.buffer_text, p.buffer_size, p.buffer_used, p.ordered_attributes,
      p.specified_attributes, p.namespace_prefixes, type(p.intern))
chunks = []
p.CharacterDataHandler = chunks.append
p.buffer_text = 1
print(p.buffer_text)
p.Parse(b"<a>one ")
print(p.buffer_used, chunks)
p.Parse(b"two &amp; three<b/>")
print(p.buffer_used, chunks)
p.buffer_size = 4
p.Parse(b"abcdefgh</a>", True)
print(chunks, p.buffer_size)
for bad in ("x", 0, -3, 2**40, 2**70):
    try:
        p.buffer_size = bad
    except Exception as e:
        print(type(e).__name__, e)
p.buffer_text = False
print(p.buffer_text)

print("-- intern")
d = {}
p = expat.ParserCreate(intern=d)
names = []
p.StartElementHandler = lambda n, a: names.append((n, list(a)))
p.Parse(b"<a b='1'><a b='2'/></a>", True)
print(sorted(d), names[0][0] is names[1][0], names[0][1][0] is names[1][1][0])
print(expat.ParserCreate(intern=None).intern)

print("-- handler get/set")
p = expat.ParserCreate()
print(p.StartElementHandler)
p.StartElementHandler = print
print(p.StartElementHandler is print)
p.StartElementHandler = None
print(p.StartElementHandler)
p.CommentHandler = 5
try:
    p.Parse(b"<a><!-- x --></a>", True)
except TypeError as e:
    print(type(e).__name__, e)
print(p.CommentHandler)

print("-- ElementDecl content models")
p = expat.ParserCreate()
p.ElementDeclHandler = lambda n, m: print(" ", n, m)
p.Parse(b"""<!DOCTYPE r [
<!ELEMENT r (a, (b | c)+, d?)*>
<!ELEMENT a ANY>
<!ELEMENT b EMPTY>
<!ELEMENT c (#PCDATA)>
<!ELEMENT d (#PCDATA | a)*>
]><r/>""", True)
