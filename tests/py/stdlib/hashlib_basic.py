# hashlib over _hashlib (OpenSSL) and _blake2; HMAC, pbkdf2, scrypt, errors.
import hashlib, _hashlib
for n in ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512', 'sha3_224', 'sha3_256', 'sha3_384', 'sha3_512', 'blake2b', 'blake2s', 'sha512_256']:
    h = hashlib.new(n, b'abc'); h.update(b'def')
    print(n, h.name, h.digest_size, h.block_size, h.hexdigest(), h.copy().digest() == h.digest())
for n in ['shake_128', 'shake_256']:
    h = getattr(hashlib, n)(b'abc'); print(n, h.name, h.digest_size, h.block_size, h.hexdigest(10), h.digest(3))
print(hashlib.sha256(b'x' * 100000).hexdigest(), hashlib.md5(memoryview(b'abc')).hexdigest(), hashlib.sha1(bytearray(b'abc')).hexdigest())
print(sorted(hashlib.algorithms_guaranteed), 'sha256' in hashlib.algorithms_available)
print(hashlib.pbkdf2_hmac('sha256', b'password', b'salt', 1000).hex(), hashlib.pbkdf2_hmac('sha1', b'p', b's', 2, 10).hex())
print(_hashlib.hmac_new(b'key', b'msg', 'sha256').hexdigest(), _hashlib.hmac_new(b'key', b'msg', hashlib.sha1).hexdigest(), _hashlib.hmac_digest(b'k', b'm', 'md5').hex())
h = _hashlib.hmac_new(b'k' * 200, digestmod='sha512'); h.update(b'abc'); c = h.copy(); print(h.name, h.digest_size, h.block_size, h.hexdigest(), c.hexdigest() == h.hexdigest(), type(h).__name__)
print(_hashlib.compare_digest(b'a', b'a'), _hashlib.compare_digest('ab', 'ac'), _hashlib.compare_digest(bytearray(b'x'), b'x'))
b = hashlib.blake2b(b'abc', digest_size=20, key=b'key', salt=b'salt', person=b'me'); print(b.hexdigest(), b.digest_size, b.name)
s = hashlib.blake2s(b'abc', digest_size=16, key=b'k', salt=b's', person=b'p', fanout=2, depth=3, leaf_size=5, node_offset=7, node_depth=1, inner_size=16, last_node=True); print(s.hexdigest())
b = hashlib.blake2b(fanout=0, depth=255, leaf_size=2**32-1, node_offset=2**64-1, node_depth=255, inner_size=64, last_node=True); b.update(b'x'*1000); print(b.hexdigest())
print(hashlib.blake2b(b'').hexdigest(), hashlib.blake2s(b'a' * 64).hexdigest(), hashlib.blake2s(b'a' * 65).hexdigest(), hashlib.blake2b(b'a' * 128).hexdigest()[:20])
print(hashlib.blake2b.SALT_SIZE, hashlib.blake2s.MAX_DIGEST_SIZE, hashlib.blake2b.PERSON_SIZE, hashlib.blake2s.MAX_KEY_SIZE)
import _hashlib, _blake2
print(sorted(x for x in dir(_blake2) if not x.startswith('__')))
print(_hashlib.get_fips_mode(), len(_hashlib._constructors), _hashlib._constructors[hashlib.sha256], _hashlib.UnsupportedDigestmodError.__mro__[1])
print(sorted(_hashlib.openssl_md_meth_names))
def show(f):
    try: print(repr(f()))
    except Exception as e: print(type(e).__name__, e)
for f in [lambda: hashlib.new('foo'), lambda: hashlib.new('sha256', 'x'), lambda: hashlib.sha256(5), lambda: hashlib.md5().update('x'),
          lambda: _hashlib.new('sha256', b'a', string=b'b'), lambda: hashlib.shake_128().digest(), lambda: _hashlib.pbkdf2_hmac('sha256', b'p', b's', 0),
          lambda: _hashlib.pbkdf2_hmac('sha256', b'p', b's', 1, 0), lambda: _hashlib.pbkdf2_hmac('foo', b'p', b's', 1), lambda: _hashlib.pbkdf2_hmac('sha256', b'p', b's', 2**40),
          lambda: _hashlib.hmac_new(b'k'), lambda: _hashlib.hmac_new(b'k', digestmod='foo'), lambda: _hashlib.compare_digest(b'a', 'a'),
          lambda: _hashlib.compare_digest('a', 'é'), lambda: _hashlib.compare_digest(1, 2), lambda: hashlib.new('SHA256').name, lambda: _hashlib.openssl_md5(string=b'a').hexdigest(), lambda: _hashlib.new('md5', data=b'a'), lambda: _hashlib.new('md5', b'a', b'b'), lambda: _hashlib.openssl_md5(b'a', string=b'b'), lambda: _hashlib.hmac_new(b'k', digestmod=5), lambda: _hashlib.new(5),
          lambda: hashlib.new('md5', usedforsecurity=False).name, lambda: hashlib.blake2b(digest_size=65), lambda: hashlib.blake2s(digest_size=0), lambda: hashlib.blake2b(key=b'k' * 65),
          lambda: hashlib.blake2s(salt=b's' * 9), lambda: hashlib.blake2b(person=b'p' * 17), lambda: hashlib.blake2b(fanout=256), lambda: hashlib.blake2b(depth=0),
          lambda: hashlib.blake2b(node_depth=256), lambda: hashlib.blake2b(inner_size=65), lambda: hashlib.blake2b('x'), lambda: hashlib.blake2s(leaf_size=-1),
          lambda: hashlib.blake2s(node_offset=2**48), lambda: hashlib.blake2b(leaf_size=2**32), lambda: hashlib.sha256().name, lambda: _hashlib.hmac_new(b'k', digestmod='sha3_256').hexdigest(),
          lambda: hashlib.scrypt(b'password', salt=b'salt', n=16, r=8, p=1, dklen=16).hex(), lambda: _hashlib.hmac_digest(b'k', b'm', hashlib.md5).hex()]:
    show(f)
