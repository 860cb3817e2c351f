# A pipeline: producers -> queue -> workers -> queue -> one consumer.
import queue
import threading

PRODUCERS, WORKERS, PER = 3, 4, 3000
q_in, q_out = queue.Queue(maxsize=100), queue.Queue()


def produce(k):
    for i in range(PER):
        q_in.put(k * PER + i)


def work():
    while True:
        x = q_in.get()
        if x is None:
            q_in.task_done()
            return
        q_out.put(x * x)
        q_in.task_done()


ps = [threading.Thread(target=produce, args=(k,)) for k in range(PRODUCERS)]
ws = [threading.Thread(target=work) for _ in range(WORKERS)]
for t in ps + ws: t.start()
for t in ps: t.join()
for _ in ws: q_in.put(None)
q_in.join()
for t in ws: t.join()
total, count = 0, 0
while not q_out.empty():
    total += q_out.get()
    count += 1
n = PRODUCERS * PER
assert count == n, count
assert total == sum(i * i for i in range(n))
print("ok producer_consumer")
