# String building: concatenation, join, f-strings, slicing, methods.
def build(n):
    s = ""
    for i in range(n):
        s += str(i % 10)
    return s


def words(n):
    parts = []
    for i in range(n):
        parts.append(f"w{i}:{i * 7 % 13:02d}")
    return " ".join(parts)


def process(text):
    total = 0
    for w in text.split(" "):
        name, _, num = w.partition(":")
        u = name.upper()
        if u.startswith("W1"):
            total += int(num)
        total += len(u.replace("1", "one"))
        total += w.find(":")
        r = w[::-1]
        total += ord(r[0])
        total += len(w[1:-1].strip("0"))
    return total


def format_lines(n):
    out = []
    for i in range(n):
        line = "%d-%s-%5.2f" % (i, "x" * (i % 5), i / 7.0)
        line = "[" + line.center(20, ".") + "]"
        out.append(line.lower())
    joined = "\n".join(out)
    return len(joined), joined.count("x")


def main():
    checksum = 0
    for rep in range(22):
        s = build(100000)
        checksum += len(s) + s.count("7")
        t = words(30000)
        checksum += process(t)
        checksum += sum(1 for c in t if c.isdigit())
        a, b = format_lines(20000)
        checksum += a + b
    print("string checksum", checksum)


main()
