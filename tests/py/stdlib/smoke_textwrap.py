# textwrap: wrap/fill with widths and options, shorten, dedent, indent,
# TextWrapper attributes.
import textwrap

text = ("The quick brown fox jumps over the lazy dog. Pack my box with five dozen liquor jugs! "
        "How vexingly quick daft zebras jump.")
print(textwrap.wrap(text, 30))
print(textwrap.fill(text, width=40, initial_indent="* ", subsequent_indent="  "))
print(textwrap.shorten(text, width=50), textwrap.shorten("Hello  world!", width=12))
print(textwrap.shorten(text, 40, placeholder=" [more]"))
print(repr(textwrap.dedent("""
    def f():
        return 1
      # comment
    """)))
print(repr(textwrap.dedent("  a\n\tb\n")), repr(textwrap.dedent("   x\n\n   y\n")))
print(textwrap.indent("one\ntwo\n\nthree", "> "))
print(textwrap.indent("a\n\nb", "+ ", predicate=lambda line: True))
print(textwrap.wrap("supercalifragilisticexpialidocious word", 10))
print(textwrap.wrap("supercalifragilisticexpialidocious word", 10, break_long_words=False))
print(textwrap.wrap("well-known hyphen-separated words", 12), textwrap.wrap("well-known x", 6, break_on_hyphens=False))
print(textwrap.wrap("a\tb\tc", 20, expand_tabs=True, tabsize=4), textwrap.wrap("a  b   c", 20, replace_whitespace=True))
print(textwrap.wrap("First. Second sentence.  Third", 15, fix_sentence_endings=True))
tw = textwrap.TextWrapper(width=25, max_lines=2, placeholder="...")
print(tw.wrap(text), tw.width, tw.max_lines)
print(textwrap.wrap("", 10), textwrap.fill("   leading", 20), textwrap.wrap("x " * 5, 3, drop_whitespace=False))
try:
    textwrap.wrap("abc", 0)
except ValueError as e:
    print("ValueError:", e)
try:
    textwrap.TextWrapper(width=4, max_lines=1, placeholder=" [more]").wrap("abc def ghi")
except ValueError as e:
    print("ValueError:", e)
print(textwrap.fill("ümlaut ünïcode wörds here", 12))
