# Threads look codecs up, register and unregister search functions, register
# and look up error handlers, and encode/decode through the registry, all at
# once on the one process-wide codec registry.  Lookups of real encodings
# must always succeed with the right codec; each thread's own codec must be
# found while registered and gone after it is unregistered.
import codecs
import threading

N = 6
ROUNDS = 1500
errors = []
ENCODINGS = ['utf-8', 'latin-1', 'cp1252', 'koi8_r', 'utf-16', 'cp437', 'mac_roman', 'ascii']
TEXT = {'utf-8': 'h\xe9\u20ac', 'latin-1': 'h\xe9', 'cp1252': 'h\xe9\u20ac', 'koi8_r': '\u043f\u0440',
        'utf-16': 'h\u20ac', 'cp437': 'h\xe9', 'mac_roman': 'h\xe9', 'ascii': 'hi'}


def make_search(k):
    name = 'stress_codec_%d' % k

    def search(n):
        if n == name:
            return codecs.CodecInfo(lambda s, e='strict': (('%d:' % k + s).encode(), len(s)),
                                    lambda b, e='strict': (bytes(b).decode(), len(b)), name=name)
        return None
    return name, search


def work(k):
    name, search = make_search(k)
    handler_name = 'stress_handler_%d' % k

    def handler(exc):
        return ('<%d>' % k, exc.end)
    for i in range(ROUNDS):
        enc = ENCODINGS[(i + k) % len(ENCODINGS)]
        info = codecs.lookup(enc)
        if codecs.lookup(info.name).name != info.name:
            errors.append(('name', enc, info.name))
        t = TEXT[enc]
        if t.encode(enc).decode(enc) != t or codecs.decode(codecs.encode(t, enc), enc) != t:
            errors.append(('roundtrip', enc))
        codecs.register(search)
        if codecs.encode('x', name) != b'%d:x' % k:
            errors.append(('own codec', k))
        codecs.unregister(search)
        try:
            codecs.lookup(name)
            # another thread's unregister cleared the cache after ours; only
            # a stale hit from the moments in between is acceptable here
        except LookupError:
            pass
        codecs.register_error(handler_name, handler)
        if codecs.lookup_error(handler_name) is not handler:
            errors.append(('handler', k))
        if '\u20ac'.encode('ascii', handler_name) != b'<%d>' % k:
            errors.append(('handler result', k))
        if i % 50 == 0:
            codecs.register_error('stress_shared', handler)
            codecs.lookup_error('stress_shared')


ts = [threading.Thread(target=work, args=(k,)) for k in range(N)]
for t in ts:
    t.start()
for t in ts:
    t.join()
for k in range(N):
    try:
        codecs.lookup('stress_codec_%d' % k)
        errors.append(('still registered', k))
    except LookupError:
        pass
if errors:
    print('errors', errors[:10])
else:
    print('ok codecs_registry')
