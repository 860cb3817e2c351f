# unicode strings: length, indexing, slicing, methods on non-ASCII text
s = "héllo wörld ✓"
print(len(s), s[0], s[1], s[-1], s[6:11], s[::-1], s.upper(), s.title())
print(s.split(), s.find("ö"), s.index("✓"), s.count("l"), s.replace("ö", "oe"))
print(s.encode("utf-8"), len(s.encode("utf-8")), s.isalpha(), "héllo".isalpha())
mixed = "aé日😀"
print([len(c.encode("utf-8")) for c in mixed], [ord(c) for c in mixed], len(mixed))
print(mixed[1:3], mixed[-1], mixed * 2, mixed.center(10, "."), "|" + mixed.ljust(6) + "|")
print(sorted("éaèb"), max("éa"), min("日a"), "é" < "f", "Z" < "é")
print("Ünïcödé".lower(), "ünïcödé".upper(), "ß".upper(), "ﬁ".upper(), "İ".lower() == "i̇")
print("日本語".startswith("日"), "日本語".endswith("語"), "日本語"[::-1], "本" in "日本語")
print(" ".join(["α", "β", "γ"]), "α,β".split(","), "-".join("αβγ"))
greek = "".join(chr(c) for c in range(0x3b1, 0x3b1 + 10))
print(greek, greek.upper(), len(greek))
print(repr("\u00e9"), repr("e\u0301"), "\u00e9" == "e\u0301", len("e\u0301"))
print("%s|%5s|%-5s|" % ("ü", "ü", "ü"), f"{'ü':^5}|", "{:>4}".format("✓"))
print(str("✓".encode()), "✓".encode().decode(), ascii("✓ é"))
print("😀".isprintable(), "\t".isprintable(), "٣".isnumeric(), "Ⅻ".isnumeric())
