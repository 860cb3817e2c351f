"""regex (v8-style): the kind of regular-expression traffic a web page's scripts make.

A seeded corpus of URLs, cookies, user agents, HTML fragments, CSS and script
snippets is run through the patterns such code uses: test/search, match with
groups, findall, sub with strings and callables, split, case-insensitive and
multi-line patterns, lookahead, back-references.

Usage: regex_v8.py [ROUNDS]   (default 15)
"""
import random
import re
import sys
import zlib

WORDS = ("home news sport weather video login search mail maps images shop cart item "
         "about contact help api v2 static assets js css img user profile settings").split()
TAGS = ["div", "span", "a", "p", "li", "ul", "img", "script", "input", "td"]
AGENTS = [
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/%d.0.%d.%d Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_%d_%d) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/%d.1 Safari/605.1.15",
    "Mozilla/5.0 (X11; Linux x86_64; rv:%d.0) Gecko/20100101 Firefox/%d.%d",
    "Opera/9.80 (Windows NT 6.%d; U; en) Presto/2.%d.%d Version/12.16",
]


def make_corpus(rng, n):
    urls, cookies, agents, html, css, code = [], [], [], [], [], []
    for i in range(n):
        path = "/".join(rng.choice(WORDS) for _ in range(rng.randrange(1, 5)))
        query = "&".join("%s=%s" % (rng.choice(WORDS), rng.randrange(1000)) for _ in range(rng.randrange(4)))
        host = "%s.%s.%s" % (rng.choice(["www", "cdn", "m", "api"]), rng.choice(WORDS),
                             rng.choice(["com", "org", "net", "co.uk"]))
        urls.append("%s://%s:%d/%s%s%s" % (rng.choice(["http", "https"]), host, rng.choice([80, 443, 8080]),
                                          path, "?" + query if query else "",
                                          "#" + rng.choice(WORDS) if rng.random() < 0.3 else ""))
        cookies.append("; ".join("%s_%d=%x" % (rng.choice(WORDS), rng.randrange(9), rng.getrandbits(40))
                                 for _ in range(rng.randrange(1, 6))))
        agents.append(rng.choice(AGENTS) % (rng.randrange(5, 120), rng.randrange(10), rng.randrange(100)))
        tag = rng.choice(TAGS)
        attrs = " ".join('%s="%s"' % (rng.choice(["class", "id", "href", "title", "data-x"]),
                                      " ".join(rng.choice(WORDS) for _ in range(rng.randrange(1, 3))))
                         for _ in range(rng.randrange(3)))
        html.append("<%s %s>%s &amp; %s<br/></%s>" % (tag, attrs, rng.choice(WORDS).title(),
                                                     rng.choice(WORDS), tag))
        css.append("#%s .%s-%d { color: #%06x; margin: %dpx %dem; }" % (
            rng.choice(WORDS), rng.choice(WORDS), i % 7, rng.getrandbits(24), rng.randrange(20), rng.randrange(4)))
        code.append("  var %s%d = %s(%d, '%s') ;  // %s\n\tif (x%d == null) { return  %d; }" % (
            rng.choice(WORDS), i, rng.choice(WORDS), rng.randrange(100), rng.choice(WORDS),
            rng.choice(WORDS), i, rng.randrange(10)))
    return urls, cookies, agents, html, css, code


URL_RE = re.compile(r"^(\w+)://([^/:]+)(?::(\d+))?(/[^?#]*)?(?:\?([^#]*))?(?:#(.*))?$")
PARAM_RE = re.compile(r"([^&=]+)=([^&]*)")
COOKIE_RE = re.compile(r"(?:^|;\s*)([a-z]+)_(\d)=([0-9a-f]+)")
CHROME_RE = re.compile(r"Chrome/(\d+)\.(\d+)\.(\d+)")
SAFARI_RE = re.compile(r"Version/(\d+)\.\d+ Safari", re.I)
GECKO_RE = re.compile(r"rv:(\d+)[^)]*\) Gecko/(\d{8})")
OPERA_RE = re.compile(r"^Opera/(\d+\.\d+).*Presto/([\d.]+)")
TAG_RE = re.compile(r"<(\w+)([^>]*)>(.*?)</\1>", re.S)
ATTR_RE = re.compile(r'(\w[\w-]*)="([^"]*)"')
ENTITY_RE = re.compile(r"&(amp|lt|gt|quot);")
SPACES_RE = re.compile(r"\s+")
TRIM_RE = re.compile(r"^\s+|\s+$")
CSS_RE = re.compile(r"([#.][\w-]+)|(#[0-9a-f]{6})|(\d+)(px|em)", re.I)
IDENT_RE = re.compile(r"\b(var|if|return)\b|\b([a-z_]\w*)(?=\s*\()")
NULLCHECK_RE = re.compile(r"(\w+)\s*==\s*null")
COMMENT_RE = re.compile(r"//[^\n]*$", re.M)
CAMEL_RE = re.compile(r"-([a-z])")
WORD_RE = re.compile(r"(?i)\b[a-z]{4,}\b")
DUP_RE = re.compile(r"(\w)\1")
ENTITIES = {"amp": "&", "lt": "<", "gt": ">", "quot": '"'}


def one_round(corpus, crc):
    urls, cookies, agents, html, css, code = corpus
    out = []
    for u in urls:
        m = URL_RE.match(u)
        if m:
            scheme, host, port, path, query, frag = m.groups()
            params = PARAM_RE.findall(query or "")
            out.append("%s|%s|%s|%d|%s" % (scheme, host.split(".")[-1], port, len(params), frag))
            out.append(re.sub(r"/+", "/", (path or "/").upper()))
    for c in cookies:
        out.append(",".join("%s%s" % (name, int(val, 16) % 97) for name, _, val in COOKIE_RE.findall(c)))
    for a in agents:
        m = CHROME_RE.search(a) or SAFARI_RE.search(a) or GECKO_RE.search(a) or OPERA_RE.search(a)
        out.append(m.group(0) if m else "?")
        out.append(str(len(re.split(r"[;()]\s*", a))))
    for h in html:
        for tag, attrs, body in TAG_RE.findall(h):
            text = ENTITY_RE.sub(lambda mm: ENTITIES[mm.group(1)], body)
            text = re.sub(r"<[^>]+>", " ", text)
            text = TRIM_RE.sub("", SPACES_RE.sub(" ", text))
            out.append("%s:%s:%s" % (tag, ";".join(k for k, _ in ATTR_RE.findall(attrs)), text))
    for s in css:
        parts = []
        for sel, colour, num, unit in CSS_RE.findall(s):
            parts.append(sel or colour.upper() or (num + unit))
        out.append(CAMEL_RE.sub(lambda mm: mm.group(1).upper(), " ".join(parts)))
    for c in code:
        c2 = COMMENT_RE.sub("", c)
        kinds = ["K" if kw else "C" for kw, call in IDENT_RE.findall(c2)]
        out.append("".join(kinds) + str(len(NULLCHECK_RE.findall(c2))))
        out.append(SPACES_RE.sub(" ", c2).strip())
    joined = "\n".join(out)
    words = WORD_RE.findall(joined)
    dups = len(DUP_RE.findall(joined))
    return zlib.crc32(joined.encode(), crc), len(words), dups


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    rng = random.Random(8)
    crc = 0
    words = dups = 0
    for i in range(rounds):
        corpus = make_corpus(rng, 300)
        crc, w, d = one_round(corpus, crc)
        words += w
        dups += d
    print("regex_v8: %d rounds, crc=%08x words=%d doubled=%d" % (rounds, crc, words, dups))


if __name__ == "__main__":
    main()
