# shlex: split (posix and not), quote/join, the shlex lexer with
# whitespace_split, punctuation_chars, commenters, errors.
import shlex

for s in ['a b  c', 'a "b c" d', "\"it's\" 'single' mi\"x\"ed", r'esc\ aped "x\"y"', 'x # comment', "a=\"1 2\" b='3'", '', '  ']:
    print(repr(s), shlex.split(s), shlex.split(s, posix=False) if "#" not in s else shlex.split(s, comments=True))
for s in ["simple", "has space", "it's", "", "$HOME", "a;b", "safe-_./=:,+@%"]:
    print(repr(s), shlex.quote(s))
print(shlex.join(["ls", "-l", "my file", "it's"]), shlex.split(shlex.join(["a b", "c'd", ""])))
lx = shlex.shlex("a && b || (c; d) > out.txt", punctuation_chars=True)
print(list(lx))
lx = shlex.shlex("key=value other='x y' # trailing", posix=True)
lx.whitespace_split = True
print(list(lx))
lx = shlex.shlex("one two three")
print(lx.get_token(), lx.get_token(), lx.lineno)
lx.push_token("pushed")
print(lx.get_token(), lx.get_token(), repr(lx.get_token()))
lx = shlex.shlex("a,b;c", posix=True)
lx.whitespace += ",;"
print(list(lx))
lx = shlex.shlex("w1 w2\nw3", posix=True)
print([(t, lx.lineno) for t in lx])
for bad in ['unterminated "quote', "single 'open", "trailing\\"]:
    try:
        print(shlex.split(bad))
    except ValueError as e:
        print("ValueError:", e)
print(shlex.quote("ünï"), shlex.split("ünï 'cøde'"))
