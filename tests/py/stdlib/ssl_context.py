# _ssl over OpenSSL: SSLContext settings, certificate loading, errors, module functions.
import os, sys
if not os.path.isdir('/usr/lib/python3.11/test/'):
    print('SKIP')
    sys.exit(0)
import ssl
T='/usr/lib/python3.11/test/'
print(ssl.HAS_TLSv1_3, ssl.PROTOCOL_TLS_CLIENT)
for p in (ssl.PROTOCOL_TLS_CLIENT, ssl.PROTOCOL_TLS_SERVER):
    c = ssl.SSLContext(p)
    print(p, c.options, c.verify_mode, c.check_hostname, c.minimum_version, c.maximum_version, c.verify_flags, c.protocol)
c = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
try: c.verify_mode = ssl.CERT_NONE
except ValueError as e: print(type(e).__name__, e)
c.check_hostname = False; c.verify_mode = ssl.CERT_NONE; print(c.verify_mode)
c.minimum_version = ssl.TLSVersion.TLSv1_2; print(c.minimum_version)
c.options |= ssl.OP_NO_TICKET; print(ssl.OP_NO_TICKET in c.options)
try: c.load_cert_chain('/nonexistent')
except OSError as e: print(type(e).__name__, e)
s = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
s.load_cert_chain(T+'keycert.pem')
try: s.load_cert_chain(T+'badcert.pem')
except ssl.SSLError as e: print(type(e).__name__, e.library, e.reason)
try: s.set_ciphers('XXX')
except ssl.SSLError as e: print(type(e).__name__, e)
s.set_ciphers('ECDHE+AESGCM')
print(sorted(x['name'] for x in s.get_ciphers())[:3])
c.load_verify_locations(T+'keycert.pem')
print(c.cert_store_stats())
c.set_alpn_protocols(['h2','http/1.1'])
print(ssl._ssl._test_decode_cert(T+'keycert.pem'))
print(ssl.get_default_verify_paths())
print(ssl._txt2obj('1.3.6.1.5.5.7.3.1'), ssl._nid2obj(129))
print(len(ssl.RAND_bytes(8)), ssl.RAND_status())
try: ssl.RAND_bytes(-1)
except ValueError as e: print(type(e).__name__, e)
try: ssl._ssl._SSLContext(99)
except ValueError as e: print(type(e).__name__, e)
