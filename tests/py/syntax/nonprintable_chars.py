# U+FEFF is only a BOM at the very start of a source given as bytes;
# anywhere else (and at the start of a str) it is a non-printable character,
# like the ASCII control characters.  Tokenizer errors quote the line without
# its newline.

cases = [
    "\ufeffx = 1", "x = 1\ufeff", "x = \ufeff1", "x = 1\n\ufeffy = 2", "x\ufeff = 1",
    "\ufeff\ufeffx = 1", "# c\ufeff\nx = 1", "'\ufeff'", "x = 1 # \ufeff", "f'{\ufeff1}'",
    "\u200bx = 1", "\x7fx = 1", "x = 1\x7f", "\x01x = 1", "x = \x1f", "x = 1\xa0",
    "x = 1.5\xa0", "x = 0x1\xa0", "x = 1j\xa0", "x = 1\u3000", "x = 5\xe9", "x = 0b1\xe9",
    "x = 1j\xe9", "f'{\x7f}'", "f'{1e}'", "f'{a\ufeff}'", "f'{$}'",
    "x = 1e", "x = 'abc", "x = 0b2", "x = 1_", "x = (1]", "x = )", "x = 09", "x = 0o8",
    "x = '''abc\n\n", "x = 1 \\ 2", "x = 1\\", "if x:\n", "if x:\npass\n",
]
for s in cases:
    for src in (s, s.encode()):
        try:
            compile(src, "<np>", "exec")
            print(ascii(src), "ok")
        except SyntaxError as e:
            print(ascii(src), type(e).__name__, e.msg, e.lineno, e.offset, e.end_lineno,
                  e.end_offset, ascii(e.text))
