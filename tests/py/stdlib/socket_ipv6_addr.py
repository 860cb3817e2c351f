# The address tuples that socket functions return: an IPv6 host has no
# "%scope" suffix (the scope id is the tuple's 4th item), as CPython's
# (test_asyncio's test_create_connection_ipv6_scope).
import socket

for host in ("fe80::1%1", "::1", "127.0.0.1", "fe80::abcd%1", "::ffff:1.2.3.4"):
    try:
        infos = socket.getaddrinfo(host, 80, type=socket.SOCK_STREAM,
                                   flags=socket.AI_NUMERICHOST)
        print(host, [ai[4] for ai in infos])
    except socket.gaierror as e:
        print(host, type(e).__name__)

s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
try:
    s.bind(("::1", 0))
    h, port, flow, scope = s.getsockname()
    print(h, port > 0, flow, scope)
except OSError as e:
    print(type(e).__name__)
finally:
    s.close()
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("127.0.0.1", 0))
print(s.getsockname()[0])
s.close()
