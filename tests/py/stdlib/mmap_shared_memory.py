# multiprocessing.shared_memory runs on mmap.mmap over a shm_open descriptor.
from multiprocessing import shared_memory
s = shared_memory.SharedMemory(create=True, size=100)
s.buf[0] = 7
t = shared_memory.SharedMemory(name=s.name)
print(t.buf[0], t.size >= 100)
t.close()
l = shared_memory.ShareableList([1, "a", 2.5])
print(list(l)); l.shm.close(); l.shm.unlink()
s.close(); s.unlink()
