# multi-line strings, docstring-like text processing
text = """First line
    indented second
Third line with   spaces

Fifth after blank"""
lines = text.splitlines()
print(len(lines))
for i, line in enumerate(lines, 1):
    print(f"{i:2}: {line!r}")
print([len(l) for l in lines])
print([l.strip() for l in lines if l.strip()])
words = text.split()
print(len(words), words[:4])
longest = max(lines, key=len)
print(longest)
print(text.count("\n"), text.find("Third"), text[text.find("Fifth"):])
para = "word " * 12
wrapped = []
cur = ""
for w in para.split():
    if len(cur) + len(w) + 1 > 20:
        wrapped.append(cur)
        cur = w
    else:
        cur = (cur + " " + w) if cur else w
wrapped.append(cur)
print("\n".join(wrapped))
print("""a\
b""", '''x
y''' == "x\ny")
