# text word-frequency counter with normalization, ranking and a histogram
TEXT = """
It was the best of times, it was the worst of times, it was the age of wisdom,
it was the age of foolishness, it was the epoch of belief, it was the epoch of
incredulity, it was the season of Light, it was the season of Darkness, it was
the spring of hope, it was the winter of despair, we had everything before us,
we had nothing before us, we were all going direct to Heaven, we were all going
direct the other way -- in short, the period was so far like the present period,
that some of its noisiest authorities insisted on its being received, for good
or for evil, in the superlative degree of comparison only.
"""
STOP = {"the", "of", "it", "was", "we", "to", "in", "on", "or", "for", "so", "that", "its", "us", "all"}

def normalize(text):
    cleaned = []
    for ch in text.lower():
        if ch.isalpha() or ch == "'":
            cleaned.append(ch)
        else:
            cleaned.append(" ")
    return "".join(cleaned).split()

def count(words):
    freq = {}
    for w in words:
        freq[w] = freq.get(w, 0) + 1
    return freq

def top(freq, n):
    return sorted(freq.items(), key=lambda kv: (-kv[1], kv[0]))[:n]

words = normalize(TEXT)
print("total words:", len(words))
freq = count(words)
print("distinct words:", len(freq))
print("top 10:", top(freq, 10))
content = {w: c for w, c in freq.items() if w not in STOP}
print("top content words:")
for w, c in top(content, 8):
    print("  %-12s %2d %s" % (w, c, "#" * c))
by_len = {}
for w in freq:
    by_len.setdefault(len(w), []).append(w)
for length in sorted(by_len):
    print(length, sorted(by_len[length]))
longest = max(freq, key=lambda w: (len(w), w))
print("longest:", longest, len(longest))
letters = count(ch for w in words for ch in w)
print("letters:", "".join(ch for ch, _ in top(letters, 12)))
bigrams = count(a + " " + b for a, b in zip(words, words[1:]))
print("top bigrams:", top(bigrams, 5))
once = sorted(w for w, c in freq.items() if c == 1)
print(len(once), "words used once; first few:", once[:6])
lines = [l for l in TEXT.splitlines() if l.strip()]
for i, line in enumerate(lines, 1):
    lw = normalize(line)
    print("line %d: %2d words, %3d chars, avg %.2f" % (i, len(lw), len(line), sum(map(len, lw)) / len(lw)))
vowels = sum(letters.get(v, 0) for v in "aeiou")
print("vowel ratio: %.3f" % (vowels / sum(letters.values())))
caps = sorted({w.strip(",.-") for w in TEXT.split() if w[:1].isupper()})
print("capitalized:", caps)
