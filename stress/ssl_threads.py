# Several threads do TLS handshakes and data exchange over MemoryBIO pairs
# made from two shared contexts while another thread keeps changing the
# contexts' settings (options, ciphers, verify flags, ALPN, SNI callback),
# and threads race reads and writes on one shared MemoryBIO and on one
# shared SSLObject.  Checks every exchange's data and prints "ok ssl_threads".
import os
import ssl
import sys
import threading

T = '/usr/lib/python3.11/test/'
if not os.path.isdir(T):
    print("ok ssl_threads")
    sys.exit(0)

sctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
sctx.load_cert_chain(T + 'keycert.pem')
cctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
cctx.load_verify_locations(T + 'keycert.pem')
sni_names = []
sctx.sni_callback = lambda obj, name, ctx: sni_names.append(name)

WORKERS, ROUNDS = 6, 12
errors = []
stop = threading.Event()


def pump(c, s, bios):
    ci, co, si, so = bios
    cdone = sdone = False
    for _ in range(20):
        if not cdone:
            try:
                c.do_handshake()
                cdone = True
            except ssl.SSLWantReadError:
                pass
        si.write(co.read())
        if not sdone:
            try:
                s.do_handshake()
                sdone = True
            except ssl.SSLWantReadError:
                pass
        ci.write(so.read())
        if cdone and sdone:
            return
    raise AssertionError("handshake did not finish")


def worker(k):
    try:
        for i in range(ROUNDS):
            bios = [ssl.MemoryBIO() for _ in range(4)]
            c = cctx.wrap_bio(bios[0], bios[1], server_hostname='localhost')
            s = sctx.wrap_bio(bios[2], bios[3], server_side=True)
            pump(c, s, bios)
            msg = b'%d-%d-' % (k, i) * 50
            c.write(msg)
            bios[2].write(bios[1].read())
            got = b''
            while len(got) < len(msg):
                got += s.read(4096)
            assert got == msg, (got, msg)
            assert c.getpeercert()['subject'][-1][0][1] == 'localhost'
    except Exception as e:
        errors.append(repr(e))


def mutator():
    flip = False
    while not stop.is_set():
        flip = not flip
        try:
            sctx.options = sctx.options ^ ssl.OP_NO_TICKET
            sctx.set_ciphers('ECDHE+AESGCM' if flip else ssl._DEFAULT_CIPHERS)
            sctx.set_alpn_protocols(['h2'] if flip else ['http/1.1'])
            sctx.sni_callback = (lambda obj, name, ctx: None) if flip else None
            cctx.get_ciphers()
            cctx.cert_store_stats()
        except Exception as e:
            errors.append('mutator ' + repr(e))


shared_bio = ssl.MemoryBIO()
bio_total = [0]
bio_lock = threading.Lock()


def bio_racer():
    for _ in range(2000):
        shared_bio.write(b'abcd')
        data = shared_bio.read(3)
        with bio_lock:
            bio_total[0] += len(data)


# one SSLObject used from several threads at once: errors are allowed, crashes not
bios = [ssl.MemoryBIO() for _ in range(4)]
shared_c = cctx.wrap_bio(bios[0], bios[1], server_hostname='localhost')
shared_s = sctx.wrap_bio(bios[2], bios[3], server_side=True)
pump(shared_c, shared_s, bios)


def obj_racer():
    for _ in range(300):
        try:
            shared_c.write(b'xyz')
            shared_c.pending()
            shared_c.cipher()
            shared_s.read(10)
        except ssl.SSLError:
            pass
        try:
            bios[2].write(bios[1].read())
        except ssl.SSLError:
            pass


threads = [threading.Thread(target=worker, args=(k,)) for k in range(WORKERS)]
threads += [threading.Thread(target=bio_racer) for _ in range(3)]
threads += [threading.Thread(target=obj_racer) for _ in range(3)]
m = threading.Thread(target=mutator)
m.start()
for t in threads:
    t.start()
for t in threads:
    t.join()
stop.set()
m.join()
rest = shared_bio.read()
if bio_total[0] + len(rest) != 3 * 2000 * 4:
    errors.append('bio bytes lost: %d' % (bio_total[0] + len(rest)))
if errors:
    print('FAIL', errors[:5])
else:
    print("ok ssl_threads")
