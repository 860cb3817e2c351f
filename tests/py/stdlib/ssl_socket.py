# _ssl over sockets: a threaded TLS echo server on localhost, blocking and
# timeout client sockets, a non-blocking handshake, makefile, unwrap.
import os, sys
if not os.path.isdir('/usr/lib/python3.11/test/'):
    print('SKIP')
    sys.exit(0)
import socket, ssl, threading, select
T = '/usr/lib/python3.11/test/'
sctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
sctx.load_cert_chain(T + 'keycert.pem')
cctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
cctx.load_verify_locations(T + 'keycert.pem')

lsock = socket.socket()
lsock.bind(('127.0.0.1', 0))
lsock.listen(5)
port = lsock.getsockname()[1]
log = []

def serve(n):
    for _ in range(n):
        conn, _ = lsock.accept()
        try:
            with sctx.wrap_socket(conn, server_side=True) as s:
                while True:
                    data = s.recv(1024)
                    if not data:
                        break
                    if data == b'STARTTLS-OFF':
                        s.sendall(b'ok')
                        s.unwrap().close()
                        break
                    s.sendall(data.upper())
        except (ssl.SSLError, OSError) as e:
            log.append(type(e).__name__)

t = threading.Thread(target=serve, args=(4,))
t.start()

# 1: blocking client
with socket.create_connection(('127.0.0.1', port)) as raw:
    with cctx.wrap_socket(raw, server_hostname='localhost') as s:
        print(s.version(), s.cipher()[1], s.getpeercert()['subject'])
        s.sendall(b'hello')
        print(s.recv(1024))
        f = s.makefile('rwb')
        f.write(b'line one\n'); f.flush()
        print(f.readline())
        f.close()

# 2: client with a timeout
with socket.create_connection(('127.0.0.1', port), timeout=10) as raw:
    with cctx.wrap_socket(raw, server_hostname='localhost') as s:
        print(s.gettimeout())
        s.sendall(b'x' * 50000)
        got = b''
        while len(got) < 50000:
            got += s.recv(65536)
        print(len(got), got[:3])
        s.settimeout(0.2)
        try:
            s.recv(10)
        except TimeoutError as e:
            print(type(e).__name__, e)

# 3: non-blocking handshake
raw = socket.create_connection(('127.0.0.1', port))
s = cctx.wrap_socket(raw, server_hostname='localhost', do_handshake_on_connect=False)
s.setblocking(False)
while True:
    try:
        s.do_handshake()
        break
    except ssl.SSLWantReadError:
        select.select([s], [], [], 5)
    except ssl.SSLWantWriteError:
        select.select([], [s], [], 5)
print('nonblocking handshake', s.version())
s.setblocking(True)
s.sendall(b'abc')
print(s.recv(10))
s.close()

# 4: unwrap back to plain TCP
with socket.create_connection(('127.0.0.1', port)) as raw:
    s = cctx.wrap_socket(raw, server_hostname='localhost')
    s.sendall(b'STARTTLS-OFF')
    print(s.recv(10))
    plain = s.unwrap()
    print(type(plain).__name__)
    plain.close()

t.join()
lsock.close()
print(log)

# verification failure against a server with an untrusted certificate
lsock = socket.socket()
lsock.bind(('127.0.0.1', 0))
lsock.listen(1)
port = lsock.getsockname()[1]
t = threading.Thread(target=serve, args=(1,))
t.start()
with socket.create_connection(('127.0.0.1', port)) as raw:
    try:
        ssl.create_default_context().wrap_socket(raw, server_hostname='localhost')
    except ssl.SSLCertVerificationError as e:
        print(type(e).__name__, e.verify_message)
t.join()
lsock.close()
print(log)
