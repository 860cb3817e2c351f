# a JSON-like serializer and pretty printer written in pure Python, plus a parser
def escape(s):
    out = ['"']
    for ch in s:
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 32 or ord(ch) > 126:
            out.append("\\u%04x" % ord(ch) if ord(ch) < 0x10000 else ch)
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)

def dumps(obj, indent=None, level=0):
    if obj is None:
        return "null"
    if obj is True:
        return "true"
    if obj is False:
        return "false"
    if isinstance(obj, (int, float)):
        return repr(obj)
    if isinstance(obj, str):
        return escape(obj)
    if isinstance(obj, (list, tuple)):
        if not obj:
            return "[]"
        items = [dumps(v, indent, level + 1) for v in obj]
        if indent is None:
            return "[" + ", ".join(items) + "]"
        pad = " " * (indent * (level + 1))
        return "[\n" + ",\n".join(pad + i for i in items) + "\n" + " " * (indent * level) + "]"
    if isinstance(obj, dict):
        if not obj:
            return "{}"
        items = [escape(str(k)) + ": " + dumps(v, indent, level + 1) for k, v in obj.items()]
        if indent is None:
            return "{" + ", ".join(items) + "}"
        pad = " " * (indent * (level + 1))
        return "{\n" + ",\n".join(pad + i for i in items) + "\n" + " " * (indent * level) + "}"
    raise TypeError("not serializable: " + type(obj).__name__)

class Parser:
    def __init__(self, text):
        self.t = text
        self.i = 0
    def ws(self):
        while self.i < len(self.t) and self.t[self.i] in " \n\t\r":
            self.i += 1
    def value(self):
        self.ws()
        c = self.t[self.i]
        if c == "{":
            self.i += 1
            d = {}
            self.ws()
            if self.t[self.i] == "}":
                self.i += 1
                return d
            while True:
                self.ws()
                k = self.value()
                self.ws()
                assert self.t[self.i] == ":", "expected colon at %d" % self.i
                self.i += 1
                d[k] = self.value()
                self.ws()
                if self.t[self.i] == ",":
                    self.i += 1
                    continue
                assert self.t[self.i] == "}"
                self.i += 1
                return d
        if c == "[":
            self.i += 1
            lst = []
            self.ws()
            if self.t[self.i] == "]":
                self.i += 1
                return lst
            while True:
                lst.append(self.value())
                self.ws()
                if self.t[self.i] == ",":
                    self.i += 1
                    continue
                self.i += 1
                return lst
        if c == '"':
            j = self.i + 1
            out = []
            while self.t[j] != '"':
                if self.t[j] == "\\":
                    nxt = self.t[j + 1]
                    if nxt == "u":
                        out.append(chr(int(self.t[j + 2:j + 6], 16)))
                        j += 6
                        continue
                    out.append({"n": "\n", "t": "\t"}.get(nxt, nxt))
                    j += 2
                else:
                    out.append(self.t[j])
                    j += 1
            self.i = j + 1
            return "".join(out)
        for word, val in (("null", None), ("true", True), ("false", False)):
            if self.t.startswith(word, self.i):
                self.i += len(word)
                return val
        j = self.i
        while j < len(self.t) and self.t[j] in "+-0123456789.eE":
            j += 1
        num = self.t[self.i:j]
        self.i = j
        return float(num) if any(ch in num for ch in ".eE") else int(num)

doc = {
    "name": "pvm",
    "version": [0, 1, 2],
    "stable": False,
    "ratio": 0.75,
    "big": 2 ** 70,
    "nothing": None,
    "text": 'quote " backslash \\ tab\t newline\n é ✓',
    "nested": {"empty_list": [], "empty_dict": {}, "deep": [[1, [2, [3]]], {"k": "v"}]},
}
compact = dumps(doc)
print(compact)
pretty = dumps(doc, indent=2)
print(pretty)
back = Parser(pretty).value()
print(back == doc)
print(Parser(compact).value() == doc)
print(dumps(Parser('{"a": [1, 2.5e3, -4, true, null], "b": {"c": "d"}}').value()))
try:
    dumps({"bad": {1, 2}})
except TypeError as e:
    print(type(e).__name__, e)
