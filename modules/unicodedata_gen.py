#!/usr/bin/env python3
"""Generates modules/unicodedata_db.h: the Unicode 14.0.0 database behind
pvm's `unicodedata` module (modules/unicodedata.c), dumped from the running
CPython's own unicodedata module (run it with /usr/bin/python3.11, whose
database is Unicode 14.0.0 and whose ucd_3_2_0 gives the 3.2.0 differences):

    /usr/bin/python3.11 modules/unicodedata_gen.py > modules/unicodedata_db.h

Name aliases and named sequences are read through a quirk CPython keeps:
its name lookup numbers them into private code points (U+F0000 + alias
index, U+F0200 + sequence index), whose names the namereplace error handler
prints; pvm keeps that quirk for namereplace too.

Layout (all tables read-only):
- per code point property records (category, bidi class, combining class,
  east asian width, mirrored, decimal, digit, numeric) behind a three-level
  index;
- decompositions: a three-level index into one uint32 array of
  (tag << 8 | count, code points...);
- primary composites as sorted (first, second, composite) triples;
- the 3.2.0 differences: a three-level index into "old" records;
- character names: entries in code point order (delta-coded code point,
  bytes shared with the previous name, the rest), deflated with zlib, in
  base64, and inflated on first use.  CJK unified ideographs and Hangul syllables are
  computed, not stored.
"""
import base64
import sys
import unicodedata
import zlib

UCD = unicodedata
OLD = unicodedata.ucd_3_2_0


def is_algorithmic(name):
    return name.startswith("CJK UNIFIED IDEOGRAPH-") or name.startswith("HANGUL SYLLABLE ")


def split(values, shift):
    """Two-level split: index1[i >> shift] names a block of index2."""
    size = 1 << shift
    blocks = {}
    index1 = []
    index2 = []
    for i in range(0, len(values), size):
        blk = tuple(values[i:i + size])
        if blk not in blocks:
            blocks[blk] = len(blocks)
            index2.extend(blk)
        index1.append(blocks[blk])
    return index1, index2


def nbytes(values):
    hi = max(values)
    return len(values) * (1 if hi < 256 else 2 if hi < 65536 else 4)


def best_three_level(values):
    """(shift1, shift2, index0, index1, index2) of the smallest three-level table:
    value = index2[index1[index0[cp >> (s1 + s2)] << s2 | (cp >> s1) & m2] << s1 | cp & m1]."""
    best = None
    for s1 in range(3, 9):
        i1, i2 = split(values, s1)
        for s2 in range(2, 9):
            i0, i1b = split(i1, s2)
            total = nbytes(i0) + nbytes(i1b) + nbytes(i2)
            if best is None or total < best[0]:
                best = (total, s1, s2, i0, i1b, i2)
    return best[1:]


def ctype(values):
    lo, hi = min(values), max(values)
    if lo >= 0:
        return "uint8_t" if hi < 256 else "uint16_t" if hi < 65536 else "uint32_t"
    return "int8_t" if -128 <= lo and hi < 128 else "int32_t"


def emit_array(name, values, typ=None):
    typ = typ or ctype(values)
    print(f"static const {typ} {name}[{len(values)}] = {{")
    line = "   "
    for v in values:
        item = f"{v},"
        if len(line) + len(item) > 99:
            print(line)
            line = "   "
        line += item
    print(line)
    print("};")


def emit_three_level(prefix, values):
    s1, s2, i0, i1, i2 = best_three_level(values)
    emit_array(prefix + "_index0", i0)
    emit_array(prefix + "_index1", i1)
    emit_array(prefix + "_index2", i2)
    print(f"// {prefix}_index2[{prefix}_index1[{prefix}_index0[cp >> {s1 + s2}] << {s2} | ...] << {s1} | ...]")
    print(f"static inline unsigned {prefix}_at(uint32_t cp) {{")
    print(f"    unsigned i = {prefix}_index0[cp >> {s1 + s2}];")
    print(f"    i = {prefix}_index1[(i << {s2}) | ((cp >> {s1}) & {(1 << s2) - 1})];")
    print(f"    return {prefix}_index2[(i << {s1}) | (cp & {(1 << s1) - 1})];")
    print("}")


def emit_items(items):
    line = "   "
    for item in items:
        item = " " + item + ","
        if len(line) + len(item) > 99:
            print(line)
            line = "   "
        line += item
    print(line)
    print("};")


def cstr(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def emit_strings(name, strs):
    print(f"static const char *const {name}[{len(strs)}] = {{")
    for s in strs:
        print(f"    {cstr(s)},")
    print("};")


def main():
    assert sys.version_info[:2] == (3, 11), "run with CPython 3.11"
    assert UCD.unidata_version == "14.0.0"
    chars = [chr(cp) for cp in range(0x110000)]

    categories = sorted({UCD.category(c) for c in chars})
    categories.remove("Cn")
    categories.insert(0, "Cn")  # record 0 is the unassigned character
    bidis = [""] + sorted({UCD.bidirectional(c) for c in chars} - {""})
    widths = ["N"] + sorted({UCD.east_asian_width(c) for c in chars} - {"N"})
    numerics = sorted({UCD.numeric(c, None) for c in chars} - {None}
                      | {OLD.numeric(c, None) for c in chars} - {None})
    numeric_idx = {v: i for i, v in enumerate(numerics)}

    class Sub(str):
        pass

    def quick_check(c):
        # bit f: form f (NFC, NFKC, NFD, NFKD) is not quick-check "yes" for c;
        # CPython's normalize() returns its very argument only when it is.
        bits = 0
        for f, form in enumerate(("NFC", "NFKC", "NFD", "NFKD")):
            if type(UCD.normalize(form, Sub(c))) is not Sub:
                bits |= 1 << f
        return bits

    def record(mod, c):
        n = mod.numeric(c, None)
        return (categories.index(mod.category(c)), bidis.index(mod.bidirectional(c)),
                mod.combining(c), widths.index(mod.east_asian_width(c)), mod.mirrored(c),
                mod.decimal(c, -1), mod.digit(c, -1), 0xFFFF if n is None else numeric_idx[n],
                quick_check(c) if mod is UCD else 0)

    records = [record(UCD, "\U0010FFFF")]  # unassigned first
    rec_of = {records[0]: 0}
    rec_index = []
    for c in chars:
        r = record(UCD, c)
        if r not in rec_of:
            rec_of[r] = len(records)
            records.append(r)
        rec_index.append(rec_of[r])

    # decompositions
    tags = [""]
    decomp_data = [0]  # index 0: none
    decomp_index = []
    decomp_seen = {}
    for c in chars:
        d = UCD.decomposition(c)
        if not d:
            decomp_index.append(0)
            continue
        parts = d.split()
        tag = ""
        if parts[0].startswith("<"):
            tag = parts.pop(0)
        if tag not in tags:
            tags.append(tag)
        key = (tag, tuple(parts))
        if key not in decomp_seen:
            decomp_seen[key] = len(decomp_data)
            decomp_data.append(tags.index(tag) << 8 | len(parts))
            decomp_data.extend(int(p, 16) for p in parts)
        decomp_index.append(decomp_seen[key])
    assert len(decomp_data) < 65536

    # primary composites: canonical pairs that NFC keeps composed
    comps = []
    for cp, c in enumerate(chars):
        d = UCD.decomposition(c)
        if d and not d.startswith("<"):
            parts = [int(p, 16) for p in d.split()]
            if len(parts) == 2 and UCD.normalize("NFC", c) == c:
                comps.append((parts[0], parts[1], cp))
    comps.sort()

    # 3.2.0 differences
    old_records = [None]
    old_of = {}
    old_index = []
    for cp, c in enumerate(chars):
        n = OLD.numeric(c, None)
        od = OLD.decomposition(c)
        assert od in ("", UCD.decomposition(c)), hex(cp)
        oname = OLD.name(c, None)
        assert oname in (None, UCD.name(c, None)), hex(cp)
        norm = 0
        if od and not od.startswith("<"):
            a, b = UCD.normalize("NFD", c), OLD.normalize("NFD", c)
            if a != b:
                assert len(b) == 1
                norm = ord(b)
        r = (categories.index(OLD.category(c)), bidis.index(OLD.bidirectional(c)),
             OLD.combining(c), widths.index(OLD.east_asian_width(c)), OLD.mirrored(c),
             OLD.decimal(c, -1), 0xFFFF if n is None else numeric_idx[n],
             (1 if od == "" and UCD.decomposition(c) else 0) |
             (2 if oname is None and UCD.name(c, None) is not None else 0), norm)
        cur = record(UCD, c)
        same = (r[:5] == cur[:5] and r[5] == cur[5] and r[6] == cur[7] and r[7] == 0
                and norm == 0)
        if same:
            old_index.append(0)
            continue
        if r not in old_of:
            old_of[r] = len(old_records)
            old_records.append(r)
        old_index.append(old_of[r])

    # names
    entries = []
    for cp, c in enumerate(chars):
        n = UCD.name(c, None)
        if n is not None and not is_algorithmic(n):
            entries.append((cp, n))
    blob = bytearray()
    prev_cp, prev_name = -1, ""
    for cp, n in entries:
        delta = cp - prev_cp - 1
        while True:
            b = delta & 0x7F
            delta >>= 7
            blob.append(b | (0x80 if delta else 0))
            if not delta:
                break
        k = 0
        while k < min(len(prev_name), len(n), 255) and prev_name[k] == n[k]:
            k += 1
        blob.append(k)
        blob += n[k:].encode("ascii") + b"\0"
        prev_cp, prev_name = cp, n
    packed = zlib.compress(bytes(blob), 9)
    cjk = []
    for cp, c in enumerate(chars):
        if UCD.name(c, "").startswith("CJK UNIFIED IDEOGRAPH-"):
            if cjk and cjk[-1][1] == cp - 1:
                cjk[-1][1] = cp
            else:
                cjk.append([cp, cp])
    maxlen = max(len(n) for _, n in entries)

    # Aliases and named sequences, in CPython's order: its name lookup gives
    # alias i the private code point U+F0000 + i and named sequence i
    # U+F0200 + i, which the namereplace error handler shows.
    aliases, seqs = [], []
    for i in range(0x200):
        r = chr(0xF0000 + i).encode("ascii", "namereplace")
        if not r.startswith(b"\\N{"):
            break
        name = r[3:-1].decode("ascii")
        got = UCD.lookup(name)
        assert len(got) == 1 and UCD.name(got, None) != name
        aliases.append((ord(got), name))
    for i in range(0x1000):
        r = chr(0xF0200 + i).encode("ascii", "namereplace")
        if not r.startswith(b"\\N{"):
            break
        name = r[3:-1].decode("ascii")
        got = UCD.lookup(name)
        assert 1 < len(got) <= 4
        seqs.append((name, got))

    print("// modules/unicodedata_db.h — generated by modules/unicodedata_gen.py from")
    print(f"// CPython 3.11's unicodedata (Unicode {UCD.unidata_version}, and 3.2.0 for")
    print("// ucd_3_2_0); do not edit.  Regenerate with:")
    print("//     /usr/bin/python3.11 modules/unicodedata_gen.py > modules/unicodedata_db.h")
    print("// clang-format off")
    print("#ifndef PVM_UNICODEDATA_DB_H")
    print("#define PVM_UNICODEDATA_DB_H")
    print()
    print(f'#define UCD_VERSION "{UCD.unidata_version}"')
    print(f"#define UCD_NAME_MAXLEN {maxlen}")
    print(f"#define UCD_NAME_COUNT {len(entries)}")
    print(f"#define UCD_NAMES_RAW_SIZE {len(blob)}")
    print(f"#define UCD_NAMES_TEXT_SIZE {sum(len(n) + 1 for _, n in entries)}")
    emit_strings("ucd_category_names", categories)
    emit_strings("ucd_bidi_names", bidis)
    emit_strings("ucd_width_names", widths)
    emit_strings("ucd_decomp_tags", tags)
    print(f"static const double ucd_numeric_values[{len(numerics)}] = {{")
    for v in numerics:
        print(f"    {v!r},")
    print("};")
    print()
    print("// category, bidirectional, combining, east_asian_width, mirrored,")
    print("// decimal, digit (-1: none), numeric (index, 0xFFFF: none), quick check")
    print("// (bit f: not \"yes\" for form f of NFC, NFKC, NFD, NFKD)")
    print(f"static const ucd_record_t ucd_records[{len(records)}] = {{")
    emit_items("{%d,%d,%d,%d,%d,%d,%d,%d,%d}" % r for r in records)
    emit_three_level("ucd_rec", rec_index)
    print()
    emit_array("ucd_decomp_data", decomp_data, "uint32_t")
    emit_three_level("ucd_decomp", decomp_index)
    print()
    print(f"static const uint32_t ucd_compositions[{len(comps)}][3] = {{")
    emit_items(f"{{0x{a:x},0x{b:x},0x{c:x}}}" for a, b, c in comps)
    print()
    print("// 3.2.0: category, bidirectional, combining, east_asian_width, mirrored,")
    print("// decimal, numeric, flags (1: no decomposition, 2: no name), NFD replacement")
    print(f"static const ucd_old_record_t ucd_old_records[{len(old_records)}] = {{")
    emit_items(["{0}"] + ["{%d,%d,%d,%d,%d,%d,%d,%d,0x%x}" % r for r in old_records[1:]])
    emit_three_level("ucd_old", old_index)
    print()
    print(f"static const ucd_alias_t ucd_aliases[{len(aliases)}] = {{")
    for cp, n in aliases:
        print(f"    {{0x{cp:x}, {cstr(n)}}},")
    print("};")
    print(f"static const ucd_named_seq_t ucd_named_sequences[{len(seqs)}] = {{")
    for n, s in seqs:
        body = ", ".join(f"0x{ord(x):x}" for x in s)
        print(f"    {{{cstr(n)}, {len(s)}, {{{body}}}}},")
    print("};")
    print()
    print(f"static const uint32_t ucd_cjk_ranges[{len(cjk)}][2] = {{")
    for a, b in cjk:
        print(f"    {{0x{a:x}, 0x{b:x}}},")
    print("};")
    print(f"// {len(entries)} names, {len(blob)} bytes before deflate")
    print(f"#define UCD_NAMES_Z_SIZE {len(packed)}")
    print("// base64 of the deflated names")
    print("static const char ucd_names_b64[] =")
    b64 = base64.b64encode(packed).decode("ascii")
    for i in range(0, len(b64), 92):
        print(f'    "{b64[i:i + 92]}"')
    print("    ;")
    print()
    print("#endif // PVM_UNICODEDATA_DB_H")
    print("// clang-format on")


main()
