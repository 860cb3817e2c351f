# urllib.parse: urlparse/urlsplit and their results, urlunparse, urljoin,
# quote/unquote variants, urlencode/parse_qs/parse_qsl, urldefrag, netloc
# attributes, errors.
from urllib import parse

u = parse.urlparse("https://user:pw@Example.COM:8443/a/b;params?q=1&r=two#frag")
print(u)
print(u.scheme, u.netloc, u.hostname, u.port, u.username, u.password, u.path, u.params, u.query, u.fragment)
print(u.geturl(), parse.urlunparse(u._replace(query="", fragment="")), u._replace(scheme="http").geturl())
s = parse.urlsplit("http://[::1]:80/p?x#y")
print(s, s.hostname, s.port, parse.urlunsplit(("ftp", "h", "/f", "", "")))
print(parse.urlsplit("//host/path"), parse.urlsplit("mailto:a@b.c"), parse.urlsplit("file:///etc/hosts"))
base = "http://a/b/c/d;p?q"
for rel in ["g", "./g", "g/", "/g", "//g", "?y", "#s", "../g", "../../../g", "g;x?y#s", "", "http://other/x"]:
    print(repr(rel), parse.urljoin(base, rel))
print(parse.quote("a b&c/d?é"), parse.quote("a b/c", safe=""), parse.quote_plus("a b+c"), parse.quote(b"\xff"))
print(parse.unquote("a%20b%2Fc%C3%A9"), parse.unquote_plus("a+b%2B"), parse.unquote("%zz%e9", errors="replace"), parse.unquote_to_bytes("%41%ff"))
print(parse.urlencode({"a": 1, "b": "x y", "c": "é"}), parse.urlencode([("k", ["1", "2"])], doseq=True), parse.urlencode({"q": "a/b"}, safe="/"))
print(parse.parse_qs("a=1&a=2&b=&c=x+y"), parse.parse_qs("a=1&b=", keep_blank_values=True), parse.parse_qsl("x=1;y=2", separator=";"))
print(parse.urldefrag("http://x/y#z"), parse.urldefrag("http://x/y"), parse.quote_from_bytes(b"a b"))
print(parse.urlparse("HTTP://H/%7Euser").scheme, parse.urlparse("path/only"), parse.urlparse(b"http://b/x").netloc)
print(parse.uses_netloc[:4], parse.urlsplit("http://h:/p").port, parse.unwrap("<URL:http://x>"))
for bad in (lambda: parse.urlsplit("http://h:99999/").port, lambda: parse.urlsplit("http://h:x/").port,
            lambda: parse.urlsplit("http://[::1/"), lambda: parse.parse_qs("a=1&b", strict_parsing=True),
            lambda: parse.urlencode("notamapping"), lambda: parse.quote(1)):
    try:
        print(bad())
    except Exception as e:
        print(type(e).__name__ + ":", e)
