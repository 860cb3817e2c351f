# _ssl over OpenSSL: a full TLS handshake between two SSLObjects over MemoryBIOs, data, unwrap, verification errors.
import os, sys
if not os.path.isdir('/usr/lib/python3.11/test/'):
    print('SKIP')
    sys.exit(0)
import ssl
T = '/usr/lib/python3.11/test/'
sctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
sctx.load_cert_chain(T + 'keycert.pem')
cctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
cctx.load_verify_locations(T + 'keycert.pem')
sctx.set_alpn_protocols(['h2', 'http/1.1'])
cctx.set_alpn_protocols(['http/1.1'])
seen = []
sctx.sni_callback = lambda obj, name, ctx: seen.append(name)

def pair(cctx, sctx, host):
    ci, co, si, so = ssl.MemoryBIO(), ssl.MemoryBIO(), ssl.MemoryBIO(), ssl.MemoryBIO()
    c = cctx.wrap_bio(ci, co, server_hostname=host)
    s = sctx.wrap_bio(si, so, server_side=True)
    return c, s, (ci, co, si, so)

def pump(c, s, bios):
    ci, co, si, so = bios
    cdone = sdone = False
    for _ in range(10):
        if not cdone:
            try:
                c.do_handshake(); cdone = True
            except ssl.SSLWantReadError:
                pass
        si.write(co.read())
        if not sdone:
            try:
                s.do_handshake(); sdone = True
            except ssl.SSLWantReadError:
                pass
        ci.write(so.read())
        if cdone and sdone:
            return True
    return False

c, s, bios = pair(cctx, sctx, 'localhost')
print('handshake', pump(c, s, bios))
print(c.version(), s.version(), c.cipher()[1], c.selected_alpn_protocol(), s.selected_alpn_protocol())
print(seen)
print(c.server_hostname, c.server_side, s.server_side)
cert = c.getpeercert()
print(cert)
print(len(c.getpeercert(True)) > 100, s.getpeercert())
ci, co, si, so = bios
c.write(b'hello server')
si.write(co.read())
print(s.pending(), s.read(5), s.pending(), s.read())
s.write(b'x' * 100)
ci.write(so.read())
print(len(c.read(1000)))
try:
    c.read(10)
except ssl.SSLWantReadError as e:
    print(type(e).__name__, e.args[0])
print(type(s.shared_ciphers()).__name__, c.session is not None, c.session_reused)
# unwrap
try:
    c.unwrap()
except ssl.SSLWantReadError as e:
    print('unwrap want read')
si.write(co.read())
try:
    s.unwrap()
except ssl.SSLError as e:
    print(type(e).__name__)
ci.write(so.read())
c.unwrap()
print('unwrapped')
# verification failure
c2ctx = ssl.create_default_context()
c, s, bios = pair(c2ctx, sctx, 'localhost')
try:
    pump(c, s, bios)
except ssl.SSLCertVerificationError as e:
    print(type(e).__name__, e.verify_code, e.verify_message, e.reason, e.library)
# hostname mismatch
c, s, bios = pair(cctx, sctx, 'example.org')
try:
    pump(c, s, bios)
except ssl.SSLCertVerificationError as e:
    print(type(e).__name__, e.verify_code, e.verify_message)
bio = ssl.MemoryBIO()
bio.write(b'abc'); print(bio.pending, bio.read(2), bio.eof); bio.write_eof(); print(bio.read(), bio.eof)
try: bio.write(b'x')
except ssl.SSLError as e: print(type(e).__name__, e)
try: bio.write('x')
except TypeError as e: print(type(e).__name__, e)
