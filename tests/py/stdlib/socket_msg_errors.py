# sendmsg / recvmsg / recvmsg_into: argument errors (CPython's messages),
# scatter/gather buffers.
import socket
a,b=socket.socketpair()
for anc in [[(1,2)], [5], [(1,2,3,4)], [(1,2,"x")], 5]:
  try: a.sendmsg([b"x"], anc)
  except Exception as e: print(type(e).__name__, e)
for bufs in [5, [5], ["x"]]:
  try: a.sendmsg(bufs)
  except Exception as e: print(type(e).__name__, e)
try: a.recvmsg(-1)
except Exception as e: print(type(e).__name__, e)
try: a.recvmsg(1, -1)
except Exception as e: print(type(e).__name__, e)
try: a.recvmsg_into(5)
except Exception as e: print(type(e).__name__, e)
try: a.recvmsg_into([bytearray(1)], -1)
except Exception as e: print(type(e).__name__, e)
print(a.sendmsg([b"ab", memoryview(b"cd"), bytearray(b"ef")]))
print(b.recvmsg(100, socket.CMSG_SPACE(4)))
