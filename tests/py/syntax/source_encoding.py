# Coding declarations (PEP 263) on line 1 or 2 of a source given as bytes;
# a str is already decoded and ignores them.  Errors as CPython 3.11 reports
# them from compile()/exec().

cases = [
    b"# -*- coding: latin-1 -*-\nx = '\xe9'\n",
    b"# coding: latin-1\nx = '\xe9'\n",
    b"#!/usr/bin/env python\n# coding: latin-1\nx = '\xe9\xff'\n",
    b"# vim: set fileencoding=iso-8859-1 :\nx = '\xe9'\n",
    b"# coding=latin1\nx = '\xe9'\n",
    b"#coding:Latin_1\nx = '\xe9'\n",
    b"  # coding: ISO8859-1\nx = '\xe9'\n",
    b"\x0c# coding: l1\nx = '\xe9'\n",
    b"# coding: latin-1 \r\nx = '\xe9'\r\n",
    b"# coding: utf-8\nx = '\xc3\xa9'\n",
    b"# coding: utf8\nx = '\xc3\xa9'\n",
    b"# coding: UTF-8\nx = '\xc3\xa9'\n",
    b"# coding: utf-8-sig\nx = '\xc3\xa9'\n",
    b"# coding: ascii\nx = 'e'\n",
    b"# coding: us-ascii\nx = 'e'\n",
    b"# coding: 646\nx = 'e'\n",
    b"# coding: cp1252\nx = '\x80\x9f'\n",
    b"# coding: windows-1252\nx = '\x93q\x94'\n",
    b"# coding: latin-1\n# coding: utf-8\nx = '\xe9'\n",
    b"# coding: utf-8\n# coding: latin-1\nx = '\xc3\xa9'\n",
    b"\xef\xbb\xbf# coding: utf-8\nx = '\xc3\xa9'\n",
    b"\xef\xbb\xbfx = '\xc3\xa9'\n",
    # errors
    b"# coding: xxx\nx = 1\n",
    b"# -*- coding: no-such-codec -*-\nx = 1\n",
    b"# coding: ascii\nx = '\xe9'\n",
    b"# coding: ascii\n# caf\xe9\nx = 1\n",
    b"# coding: cp1252\nx = '\x81'\n",
    b"\xef\xbb\xbf# coding: latin-1\nx = 1\n",
    b"\xef\xbb\xbf# coding: cp1252\nx = 1\n",
    # not declarations: line 3, or line 2 after code
    b"\n\n# coding: xxx\nx = 1\n",
    b"x = 1 # coding: xxx\ny = 2\n",
    b"x = 1\n# coding: xxx\n",
]
for src in cases:
    for how in ("compile", "exec"):
        try:
            ns = {}
            if how == "compile":
                exec(compile(src, "<enc>", "exec"), ns)
            else:
                exec(src, ns)
            print(how, ascii(src[:30]), "ok", ascii(ns.get("x")))
        except SyntaxError as e:
            print(how, ascii(src[:30]), type(e).__name__, e, e.args)

# A str ignores its declaration and keeps a leading U+FEFF as a character.
for src in ["# coding: latin-1\nx = '\xe9'\n", "# coding: xxx\nx = 1\n", "\ufeffx = 1\n"]:
    try:
        ns = {}
        exec(compile(src, "<enc>", "exec"), ns)
        print(ascii(src[:30]), "ok", ascii(ns.get("x")))
    except SyntaxError as e:
        print(ascii(src[:30]), type(e).__name__, e.msg, e.lineno, e.offset)
