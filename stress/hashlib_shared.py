# Threads share hash objects (an OpenSSL HASH, an HMAC, a blake2b and a
# blake2s) and update them with the same chunk while others copy and
# digest them.  Every update is atomic, so the final digest is the digest
# of the chunk repeated N*K times, whatever the interleaving.
import threading
import _hashlib
import _blake2

N = 4
K = 500
chunk = bytes(range(256)) * 3
objs = [_hashlib.new('sha256'), _hashlib.hmac_new(b'key', digestmod='sha1'),
        _blake2.blake2b(digest_size=33), _blake2.blake2s(key=b'k')]
fresh = [lambda: _hashlib.new('sha256'), lambda: _hashlib.hmac_new(b'key', digestmod='sha1'),
         lambda: _blake2.blake2b(digest_size=33), lambda: _blake2.blake2s(key=b'k')]
errors = []


def upd():
    for i in range(K):
        for o in objs:
            o.update(chunk)


def peek():
    for i in range(K // 5):
        for o in objs:
            c = o.copy()
            if len(c.digest()) != o.digest_size or len(o.hexdigest()) != 2 * o.digest_size:
                errors.append('digest size')


ts = [threading.Thread(target=upd) for _ in range(N)] + [threading.Thread(target=peek) for _ in range(2)]
for t in ts:
    t.start()
for t in ts:
    t.join()
for o, f in zip(objs, fresh):
    ref = f()
    ref.update(chunk * (N * K))
    if ref.digest() != o.digest():
        errors.append('digest of %s differs' % o.name)
print(errors[:3] if errors else 'ok hashlib_shared')
