# Threads share one compiled pattern, one scanner and re's module cache:
# every thread matches, searches, subs and splits with the shared pattern
# (Pattern and Match objects are immutable), calls re.match() with many
# different patterns at once (re._cache is a plain dict that threads fill
# and trim concurrently), and steps one shared scanner (its position is
# guarded by its critical section; a second caller while a match runs gets
# ValueError).  Every result is checked against the answer computed up
# front; the scanner's matches, collected from all threads, must be exactly
# the words of its subject, each once.  Last, a runaway match is
# interrupted from another thread.
import re
import threading

PAT = re.compile(r'(?P<word>[a-z]+)(\d*)')
TEXT = ' '.join('w%s%d' % ('abc'[i % 3] * (i % 5 + 1), i) for i in range(200))
EXPECT_ALL = PAT.findall(TEXT)
EXPECT_SUB = PAT.sub(lambda m: m.group(1).upper(), TEXT)
EXPECT_SPLIT = PAT.split(TEXT)
THREADS, ROUNDS = 6, 25
errors = []
scan_text = ' '.join('x%d' % i for i in range(1500))
scanner = re.compile(r'\w+').scanner(scan_text)
scanned = []
scan_lock = threading.Lock()


def check(cond, what):
    if not cond:
        errors.append(what)


def worker(t):
    local = []
    for r in range(ROUNDS):
        check(PAT.findall(TEXT) == EXPECT_ALL, 'findall')
        check(PAT.sub(lambda m: m.group(1).upper(), TEXT) == EXPECT_SUB, 'sub')
        check(PAT.split(TEXT) == EXPECT_SPLIT, 'split')
        m = PAT.search(TEXT, r)
        check(m is not None and m.group() == TEXT[m.start():m.end()], 'search')
        for k in range(20):
            s = 'p%d_%d' % (t, (r * 20 + k) % 700)
            m = re.match(s + r'(\d?)', s + '7')
            check(m is not None and m.group(1) == '7', 'cache')
        for _ in range(10):
            try:
                m = scanner.search()
            except ValueError:
                continue  # another thread is running this scanner right now
            if m is not None:
                local.append(m.group())
    with scan_lock:
        scanned.extend(local)


threads = [threading.Thread(target=worker, args=(t,)) for t in range(THREADS)]
for th in threads:
    th.start()
for th in threads:
    th.join()
while True:  # finish the scanner on this thread
    m = scanner.search()
    if m is None:
        break
    scanned.append(m.group())
check(sorted(scanned) == sorted(scan_text.split()), 'scanner')

# A runaway (exponential) match polls the eval breaker: interrupt_main
# from another thread ends it with KeyboardInterrupt.
import _thread
import time


def interrupt_later():
    time.sleep(0.2)
    _thread.interrupt_main()


threading.Thread(target=interrupt_later).start()
try:
    re.match(r'(a*)*b', 'a' * 40)
    check(False, 'runaway match finished')
except KeyboardInterrupt:
    pass
if errors:
    print('errors', sorted(set(errors)))
else:
    print('ok re_shared_pattern')
