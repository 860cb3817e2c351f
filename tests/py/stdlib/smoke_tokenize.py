# tokenize: tokenize/generate_tokens over source text, token types and
# exact types, positions, untokenize round trip, detect_encoding, errors.
import io
import token
import tokenize

src = '''def f(x, *a, **k):  # comment
    """doc"""
    return x ** 2 + 0x1F - 1.5e3j if x != 3 else f'{x!r}'
s = b"by" 'te'
'''
for tok in tokenize.generate_tokens(io.StringIO(src).readline):
    print(token.tok_name[tok.type], token.tok_name[tok.exact_type] if tok.type == token.OP else "", repr(tok.string), tok.start, tok.end)
toks = list(tokenize.tokenize(io.BytesIO(src.encode()).readline))
print(toks[0].type == tokenize.ENCODING, toks[0].string, len(toks))
print(tokenize.untokenize(toks).decode() == src)
print(tokenize.untokenize((t.type, t.string) for t in tokenize.generate_tokens(io.StringIO("a=1+2\n").readline)))
print(tokenize.detect_encoding(io.BytesIO(b"# -*- coding: latin-1 -*-\nx = 1\n").readline))
print(tokenize.detect_encoding(io.BytesIO(b"\xef\xbb\xbfx = 1\n").readline))
print(tokenize.detect_encoding(io.BytesIO(b"x = 1\n").readline))
try:
    list(tokenize.generate_tokens(io.StringIO("x = (1,\n").readline))
except tokenize.TokenError as e:
    print("TokenError:", e.args)
try:
    list(tokenize.generate_tokens(io.StringIO("if x:\n    a\n  b\n").readline))
except IndentationError as e:
    print("IndentationError:", e.msg, e.lineno)
try:
    tokenize.detect_encoding(io.BytesIO(b"# coding: bogus\n").readline)
except SyntaxError as e:
    print("SyntaxError:", e)
print([t.string for t in tokenize.generate_tokens(io.StringIO("a\\\n + b\n").readline)])
print([token.tok_name[t.type] for t in tokenize.generate_tokens(io.StringIO("x = '''multi\nline'''\n\n#c\n").readline)])
print(tokenize.TokenInfo(1, "a", (1, 0), (1, 1), "a\n"), tokenize.Name, tokenize.Number[:30])
