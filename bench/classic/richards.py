"""richards: Martin Richards' operating-system task scheduler simulation.

Six tasks (idle, worker, two handlers, two devices) pass packets through
queues; the scheduler always runs the highest-priority task that is ready.

Usage: richards.py [ITERATIONS]   (default 8)
"""
import sys

IDLE, WORKER, HANDLER_A, HANDLER_B, DEVICE_A, DEVICE_B = range(6)
K_DEV, K_WORK = 1000, 1001
BUFSIZE = 4


class Packet:
    def __init__(self, link, ident, kind):
        self.link = link
        self.ident = ident
        self.kind = kind
        self.datum = 0
        self.data = [0] * BUFSIZE

    def append_to(self, queue):
        # put self at the end of the linked queue; return the queue's head
        self.link = None
        if queue is None:
            return self
        p = queue
        nxt = p.link
        while nxt is not None:
            p = nxt
            nxt = p.link
        p.link = self
        return queue


class TaskState:
    def __init__(self):
        self.packet_pending = True
        self.task_waiting = False
        self.task_holding = False

    def set_running(self):
        self.packet_pending = self.task_waiting = self.task_holding = False
        return self

    def set_waiting(self):
        self.packet_pending = self.task_holding = False
        self.task_waiting = True
        return self

    def set_waiting_with_packet(self):
        self.packet_pending = self.task_waiting = True
        self.task_holding = False
        return self

    def set_packet_pending(self):
        self.packet_pending = True
        self.task_waiting = self.task_holding = False
        return self

    def is_held_or_suspended(self):
        return self.task_holding or (not self.packet_pending and self.task_waiting)

    def is_waiting_with_packet(self):
        return self.packet_pending and self.task_waiting and not self.task_holding


class Scheduler:
    def __init__(self):
        self.tasks = [None] * 6
        self.task_list = None
        self.hold_count = 0
        self.qpkt_count = 0

    def find(self, ident):
        t = self.tasks[ident]
        if t is None:
            raise LookupError("no task %d" % ident)
        return t

    def schedule(self):
        t = self.task_list
        while t is not None:
            if t.is_held_or_suspended():
                t = t.link
            else:
                t = t.run()


class Task(TaskState):
    def __init__(self, sched, ident, priority, queue, state):
        TaskState.__init__(self)
        self.sched = sched
        self.link = sched.task_list
        self.ident = ident
        self.priority = priority
        self.input = queue
        self.packet_pending, self.task_waiting, self.task_holding = state
        sched.task_list = self
        sched.tasks[ident] = self

    def run(self):
        if self.is_waiting_with_packet():
            msg = self.input
            self.input = msg.link
            if self.input is None:
                self.set_running()
            else:
                self.set_packet_pending()
        else:
            msg = None
        return self.fn(msg)

    def add_packet(self, pkt, origin):
        if self.input is None:
            self.input = pkt
            self.packet_pending = True
            if self.priority > origin.priority:
                return self
        else:
            self.input = pkt.append_to(self.input)
        return origin

    def wait(self):
        self.task_waiting = True
        return self

    def hold(self):
        self.sched.hold_count += 1
        self.task_holding = True
        return self.link

    def release(self, ident):
        t = self.sched.find(ident)
        t.task_holding = False
        return t if t.priority > self.priority else self

    def qpkt(self, pkt):
        t = self.sched.find(pkt.ident)
        self.sched.qpkt_count += 1
        pkt.link = None
        pkt.ident = self.ident
        return t.add_packet(pkt, self)


RUNNING = (False, False, False)
WAITING = (False, True, False)
WAITING_WITH_PACKET = (True, True, False)


class IdleTask(Task):
    def __init__(self, sched, count):
        Task.__init__(self, sched, IDLE, 0, None, RUNNING)
        self.control = 1
        self.count = count

    def fn(self, pkt):
        self.count -= 1
        if self.count == 0:
            return self.hold()
        if self.control & 1 == 0:
            self.control >>= 1
            return self.release(DEVICE_A)
        self.control = (self.control >> 1) ^ 0xD008
        return self.release(DEVICE_B)


class WorkerTask(Task):
    def __init__(self, sched, queue):
        Task.__init__(self, sched, WORKER, 1000, queue, WAITING_WITH_PACKET)
        self.destination = HANDLER_A
        self.count = 0

    def fn(self, pkt):
        if pkt is None:
            return self.wait()
        self.destination = HANDLER_B if self.destination == HANDLER_A else HANDLER_A
        pkt.ident = self.destination
        pkt.datum = 0
        for i in range(BUFSIZE):
            self.count += 1
            if self.count > 26:
                self.count = 1
            pkt.data[i] = ord("A") + self.count - 1
        return self.qpkt(pkt)


class HandlerTask(Task):
    def __init__(self, sched, ident, priority, queue):
        Task.__init__(self, sched, ident, priority, queue, WAITING_WITH_PACKET)
        self.work_in = None
        self.device_in = None

    def fn(self, pkt):
        if pkt is not None:
            if pkt.kind == K_WORK:
                self.work_in = pkt.append_to(self.work_in)
            else:
                self.device_in = pkt.append_to(self.device_in)
        work = self.work_in
        if work is not None:
            count = work.datum
            if count < BUFSIZE:
                dev = self.device_in
                if dev is not None:
                    self.device_in = dev.link
                    dev.datum = work.data[count]
                    work.datum = count + 1
                    return self.qpkt(dev)
            else:
                self.work_in = work.link
                return self.qpkt(work)
        return self.wait()


class DeviceTask(Task):
    def __init__(self, sched, ident, priority):
        Task.__init__(self, sched, ident, priority, None, WAITING)
        self.pending = None

    def fn(self, pkt):
        if pkt is None:
            if self.pending is None:
                return self.wait()
            v = self.pending
            self.pending = None
            return self.qpkt(v)
        self.pending = pkt
        return self.hold()


def run_once(count):
    sched = Scheduler()
    IdleTask(sched, count)
    wkq = Packet(None, 0, K_WORK)
    wkq = Packet(wkq, 0, K_WORK)
    WorkerTask(sched, wkq)
    for ident, prio in ((HANDLER_A, 2000), (HANDLER_B, 3000)):
        dev = DEVICE_A if ident == HANDLER_A else DEVICE_B
        q = Packet(None, dev, K_DEV)
        q = Packet(q, dev, K_DEV)
        q = Packet(q, dev, K_DEV)
        HandlerTask(sched, ident, prio, q)
    DeviceTask(sched, DEVICE_A, 4000)
    DeviceTask(sched, DEVICE_B, 5000)
    sched.schedule()
    return sched.qpkt_count, sched.hold_count


def main():
    iterations = int(sys.argv[1]) if len(sys.argv) > 1 else 8
    results = set()
    for i in range(iterations):
        results.add(run_once(10000 + i % 3))
    print("richards: %d iterations, (qpkt, hold) = %s" % (iterations, sorted(results)))


if __name__ == "__main__":
    main()
