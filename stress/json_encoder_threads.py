# Threads json.dumps one shared dict and one shared list (also through one
# shared C encoder, and with sort_keys) while other threads mutate both: add
# and remove keys, append, pop, replace and clear items, re-nest the list.
# No crash, every output parses, every value seen is one that was stored.
# (A markers dict shared by threads that encode the same object at once
# reports a false cycle, in CPython too: the shared encoder has none.)
import _json
import json
import threading
from json.encoder import encode_basestring_ascii

N_DUMP = 4
N_MUT = 3
ROUNDS = 400
errors = []

shared_d = {'k%d' % i: i for i in range(50)}
shared_l = list(range(50))
shared_d['list'] = shared_l
shared_enc = _json.make_encoder(None, lambda o: 'obj', encode_basestring_ascii, None,
                                ':', ',', False, True, True)
stop = threading.Event()

VALID = (int, float, str, type(None), bool, list, dict)


def check_value(v, depth=0):
    if not isinstance(v, VALID):
        errors.append('bad value %r' % (v,))
    elif isinstance(v, list) and depth < 3:
        for x in v:
            check_value(x, depth + 1)
    elif isinstance(v, dict) and depth < 3:
        for x in v.values():
            check_value(x, depth + 1)


def dumper(k):
    try:
        for i in range(ROUNDS):
            if i % 3 == 0:
                try:
                    s = json.dumps(shared_d)
                except TypeError as e:
                    # A mutator's tuple key was there for a moment.
                    if 'not tuple' not in str(e):
                        errors.append('dumps: %s' % e)
                    continue
            elif i % 3 == 1:
                s = json.dumps(shared_l, separators=(',', ':'))
            else:
                s = ''.join(shared_enc([shared_d, shared_l, object()], 0))
            check_value(json.loads(s))
            try:
                s = json.dumps(shared_d, sort_keys=True, skipkeys=True)
                json.loads(s)
            except TypeError as e:
                # A mutator stored int and str keys side by side: sorting fails
                # as in CPython.
                if "'<' not supported" not in str(e):
                    errors.append('sort: %s' % e)
    except Exception as e:
        errors.append('dumper %d: %s %s' % (k, type(e).__name__, e))


def mutator(k):
    i = 0
    try:
        while not stop.is_set():
            i += 1
            key = 'm%d_%d' % (k, i % 40)
            shared_d[key] = [i, 'x' * (i % 7), {'n': i / 3}]
            shared_d.pop('m%d_%d' % (k, (i + 20) % 40), None)
            shared_l.append(i)
            shared_l.append({'k': k, 'f': 1.5})
            if len(shared_l) > 200:
                del shared_l[:100]
            if i % 50 == 0:
                shared_l[:] = shared_l[::-1]
            if i % 97 == 0:
                shared_d.pop('list', None)
                shared_d['list'] = shared_l
            if i % 131 == 0:
                shared_d[(k, i)] = 'tuple key'  # skipped by skipkeys, TypeError otherwise
                shared_d.pop((k, i), None)
    except Exception as e:
        errors.append('mutator %d: %s %s' % (k, type(e).__name__, e))


muts = [threading.Thread(target=mutator, args=(k,)) for k in range(N_MUT)]
dumps = [threading.Thread(target=dumper, args=(k,)) for k in range(N_DUMP)]
for t in muts + dumps:
    t.start()
for t in dumps:
    t.join()
stop.set()
for t in muts:
    t.join()
for e in errors[:10]:
    print(e)
if not errors:
    print('ok json_encoder_threads')
