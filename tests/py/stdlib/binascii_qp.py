import binascii

seed = 12345
def rnd(n):
    global seed
    seed = (seed * 1103515245 + 12345) & 0x7fffffff
    return seed % n

alphabet = b"ab =_.\t\r\n\x00\xff~!"
samples = [b"", b".", b".\n", b"a.", b"x \n", b"x\t\r\ny", b"=", b"a=b", b"_ _", b"\r\n.\r\n",
           b"a" * 80, b"a" * 75 + b"=", b"a" * 74 + b" \n", b"line1\r\nline2 \r\n", b"\xff" * 30,
           b"trailing ", b"trailing\t", b" " * 100]
for _ in range(150):
    samples.append(bytes(alphabet[rnd(len(alphabet))] for _ in range(rnd(120))))
for s in samples:
    for qt in (False, True):
        for it in (False, True):
            for hd in (False, True):
                enc = binascii.b2a_qp(s, quotetabs=qt, istext=it, header=hd)
                print(enc, binascii.a2b_qp(enc, header=hd))
for s in [b"=", b"=4", b"=41", b"=4g", b"==", b"=\n", b"=\r\nx", b"=\rx\ny", b"a_b", b"=aF",
          "=41_", b"= \n", b"=\r"]:
    print(binascii.a2b_qp(s), binascii.a2b_qp(s, header=True), binascii.a2b_qp(data=s))
for bad in ["é", 3]:
    try:
        binascii.a2b_qp(bad)
    except Exception as e:
        print(type(e).__name__, e)
try:
    binascii.b2a_qp("str")
except Exception as e:
    print(type(e).__name__, e)
print(binascii.b2a_qp(b"a b", True, False, True))
