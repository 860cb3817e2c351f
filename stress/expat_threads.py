# pyexpat under threads.  (1) Threads each parse their own documents with
# ElementTree and check the trees.  (2) Threads share one xmlparser: they
# feed it, set and read its handlers and flags, and read its positions, all
# at once.  A thread that finds the parser busy in another thread gets
# RuntimeError (the parser's owner token, modules/pyexpat.c); everything
# else must work, and nothing may crash.  Every fed chunk is a whole
# element, so the elements seen are exactly the chunks fed successfully.
import threading
import xml.etree.ElementTree as ET
from xml.parsers import expat

N = 4
K = 150
errors = []


def own_documents(tid):
    for i in range(K):
        doc = "<r t='%d'>%s</r>" % (tid, "".join("<i n='%d'>%d&amp;</i>" % (j, j * tid) for j in range(i % 7)))
        root = ET.fromstring(doc)
        if root.get("t") != str(tid) or len(root) != i % 7:
            errors.append("tree %d %d" % (tid, i))
        for j, e in enumerate(root):
            if e.text != "%d&" % (j * tid) or e.get("n") != str(j):
                errors.append("item %d %d" % (tid, i))
        p = ET.XMLPullParser(events=("start", "end"))
        p.feed(doc[: len(doc) // 2])
        p.feed(doc[len(doc) // 2:])
        p.close()
        if sum(1 for _ in p.read_events()) != 2 * (1 + i % 7):
            errors.append("events %d %d" % (tid, i))


shared = expat.ParserCreate()
shared.buffer_text = True
seen = []
seen_lock = threading.Lock()


def start(name, attrs):
    with seen_lock:
        seen.append(attrs["k"])


shared.StartElementHandler = start
shared.Parse(b"<root k='root'>")
fed = []
fed_lock = threading.Lock()
busy = [0]


def feeder(tid):
    for i in range(K):
        key = "%d-%d" % (tid, i)
        try:
            shared.Parse(("<e k='%s'>text</e>" % key).encode())
        except RuntimeError as e:
            if "in use by another thread" not in str(e):
                errors.append("feeder: %r" % e)
            with fed_lock:
                busy[0] += 1
            continue
        with fed_lock:
            fed.append(key)


def fiddler(tid):
    for i in range(K):
        try:
            shared.StartElementHandler = start
            shared.ordered_attributes = False
            shared.specified_attributes = bool(i % 2)
            shared.buffer_size = 64 + i % 5
            shared.CurrentLineNumber
            shared.ErrorCode
        except RuntimeError as e:
            if "in use by another thread" not in str(e):
                errors.append("fiddler: %r" % e)
        shared.StartElementHandler
        shared.buffer_text
        shared.buffer_used
        shared.intern


ts = [threading.Thread(target=own_documents, args=(t,)) for t in range(N)]
ts += [threading.Thread(target=feeder, args=(t,)) for t in range(N)]
ts += [threading.Thread(target=fiddler, args=(t,)) for t in range(2)]
for t in ts:
    t.start()
for t in ts:
    t.join()
shared.Parse(b"</root>", True)
if sorted(seen) != sorted(["root"] + fed):
    errors.append("shared parser saw %d elements, fed %d" % (len(seen), len(fed) + 1))
if len(fed) + busy[0] != N * K:
    errors.append("lost feeds")
print("\n".join(errors[:10]) if errors else "ok expat_threads")
