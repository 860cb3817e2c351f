# A bytes source without a coding declaration is UTF-8, but only tokens must
# decode: comments may hold any bytes.  The quoted line of the error shows
# undecodable bytes as U+FFFD.
cases = [
    b"# caf\xe9\nx = 1\n",
    b"x = 1  # \xff\xfe\n",
    b"#!/usr/bin/env python\n# \xe9\xe9\xe9\ny = 2\n",
    b"x = '\xe9'\n",
    b"x = 'a\xc3\xa9\xff'\n",
    b"x = r'\xe9'\n",
    b"x = '\xed\xa0\x80'\n",
    b"x = '\xf4\x90\x80\x80'\n",
    b"x = 1\n\xff\n",
]
for src in cases:
    try:
        ns = {}
        exec(compile(src, "<u8>", "exec"), ns)
        print(ascii(src), "ok", ns.get("x"), ns.get("y"))
    except SyntaxError as e:
        print(ascii(src), type(e).__name__, e.msg.startswith("(unicode error) 'utf-8' codec can't decode byte 0x"), e.lineno, ascii(e.text))
