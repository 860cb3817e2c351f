# difflib: SequenceMatcher (ratio, opcodes, matching blocks), unified and
# context diffs, ndiff/restore, get_close_matches, Differ, HtmlDiff table.
import difflib

a = "the quick brown fox jumps over the lazy dog".split()
b = "the quick red fox leaps over the lazy cat".split()
sm = difflib.SequenceMatcher(None, a, b)
print(round(sm.ratio(), 4), round(sm.quick_ratio(), 4), round(sm.real_quick_ratio(), 4))
print(sm.get_opcodes())
print(sm.get_matching_blocks(), sm.find_longest_match(0, len(a), 0, len(b)))
print(list(sm.get_grouped_opcodes(1)))
s2 = difflib.SequenceMatcher(lambda c: c == " ", "private Thread currentThread;", "private volatile Thread currentThread;")
print(round(s2.ratio(), 4), s2.get_opcodes()[:3])
old = ["one\n", "two\n", "three\n", "four\n", "five\n"]
new = ["one\n", "2\n", "three\n", "four\n", "five\n", "six\n"]
print("".join(difflib.unified_diff(old, new, "old.txt", "new.txt", "t1", "t2", n=1)), end="")
print("".join(difflib.context_diff(old, new, "a", "b")), end="")
nd = list(difflib.ndiff(["abcde\n", "same\n"], ["abXde\n", "same\n", "extra\n"]))
print(nd)
print(list(difflib.restore(nd, 1)), list(difflib.restore(nd, 2)))
print(difflib.get_close_matches("appel", ["ape", "apple", "peach", "puppy"]), difflib.get_close_matches("wheel", ["while", "whale", "wheat"], n=2, cutoff=0.5))
d = difflib.Differ()
print(list(d.compare(["a line\n", "keep\n"], ["a lime\n", "keep\n"])))
print(list(difflib.unified_diff(["x"], ["y"], lineterm="")))
print(difflib.IS_CHARACTER_JUNK(" "), difflib.IS_LINE_JUNK("  #  \n"), difflib.IS_LINE_JUNK("code\n"))
html = difflib.HtmlDiff(wrapcolumn=20).make_table(["alpha beta", "gamma"], ["alpha delta", "gamma"], "L", "R")
print(html.count("<tr>"), "diff_chg" in html, html.count('class="diff_sub"'), len(html) > 500)
print(list(difflib.diff_bytes(difflib.unified_diff, [b"a\n"], [b"b\n"], b"f1", b"f2")))
print(difflib.SequenceMatcher(None, "", "").ratio(), difflib.SequenceMatcher(None, "abc", "").get_opcodes())
