# test.support.socket_helper on _socket (test.support itself needs
# float.__getformat__ at import): bind_port, find_unused_port, the
# IPv6 probe; float.__getformat__'s results and errors.
for a in ["double", "float", "x", 5]:
    try:
        print(float.__getformat__(a))
    except Exception as e:
        print(type(e).__name__, e)

import socket
from test.support import socket_helper

print(socket_helper.HOST, socket_helper.HOSTv4, socket_helper.HOSTv6)
print(type(socket_helper.IPV6_ENABLED).__name__)
s = socket.socket()
port = socket_helper.bind_port(s)
print(0 < port < 65536, s.getsockname()[1] == port)
s.close()
print(0 < socket_helper.find_unused_port() < 65536)
with socket_helper.transient_internet("localhost"):
    print("transient_internet ok")
