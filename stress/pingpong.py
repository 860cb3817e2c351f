# Two threads hand a token back and forth through a Condition, and two more
# through a pair of Locks; every hand-off happens exactly once.
import threading

ROUNDS = 3000
cond = threading.Condition()
turn = [0]
log = []


def player(me):
    for _ in range(ROUNDS):
        with cond:
            while turn[0] != me:
                cond.wait()
            log.append(me)
            turn[0] = 1 - me
            cond.notify_all()


a, b = threading.Lock(), threading.Lock()
b.acquire()
hits = [0, 0]


def lock_player(mine, other, idx):
    for _ in range(ROUNDS):
        mine.acquire()
        hits[idx] += 1
        other.release()


ts = [threading.Thread(target=player, args=(i,)) for i in (0, 1)]
ts += [threading.Thread(target=lock_player, args=(a, b, 0)),
       threading.Thread(target=lock_player, args=(b, a, 1))]
for t in ts: t.start()
for t in ts: t.join()
assert log == [0, 1] * ROUNDS
assert hits == [ROUNDS, ROUNDS]
print("ok pingpong")
