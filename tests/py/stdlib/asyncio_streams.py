# asyncio over real sockets: a streams echo server on 127.0.0.1 with several
# clients, a Unix-socket server, the loop's sock_* functions over a
# socketpair, datagram endpoints, run_in_executor and subprocesses.
import asyncio
import os
import socket
import sys
import tempfile


async def echo(reader, writer):
    while line := await reader.readline():
        writer.write(line.upper())
        await writer.drain()
    writer.close()
    await writer.wait_closed()


async def tcp():
    server = await asyncio.start_server(echo, "127.0.0.1", 0)
    host, port = server.sockets[0].getsockname()[:2]
    print(host, server.is_serving())

    async def client(i):
        r, w = await asyncio.open_connection(host, port)
        out = []
        for j in range(3):
            w.write(b"client %d msg %d\n" % (i, j))
            await w.drain()
            out.append(await r.readline())
        w.write_eof()
        out.append((await r.read(), w.get_extra_info("peername")[1] == port))
        w.close()
        await w.wait_closed()
        return out

    results = await asyncio.gather(*(client(i) for i in range(5)))
    for r in results:
        print(r)
    r, w = await asyncio.open_connection(host, port)
    w.write(b"exact\n")
    print(await r.readexactly(3), await r.readuntil(b"\n"))
    w.close()
    await w.wait_closed()
    server.close()
    await server.wait_closed()
    print("served", server.is_serving())


async def unix():
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "sock")
        server = await asyncio.start_unix_server(echo, path)
        r, w = await asyncio.open_unix_connection(path)
        w.write(b"over unix\n")
        print(await r.readline())
        w.close()
        await w.wait_closed()
        server.close()
        await server.wait_closed()


async def sock_functions():
    loop = asyncio.get_running_loop()
    a, b = socket.socketpair()
    a.setblocking(False)
    b.setblocking(False)
    await loop.sock_sendall(a, b"raw bytes")
    print(await loop.sock_recv(b, 100))
    buf = bytearray(4)
    await loop.sock_sendall(b, b"into")
    print(await loop.sock_recv_into(a, buf), buf)
    a.close()
    b.close()
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen()
    srv.setblocking(False)
    c = socket.socket()
    c.setblocking(False)
    acc = asyncio.ensure_future(loop.sock_accept(srv))
    await loop.sock_connect(c, srv.getsockname())
    conn, _ = await acc
    await loop.sock_sendall(c, b"accepted")
    print(await loop.sock_recv(conn, 100))
    for s in (c, conn, srv):
        s.close()


class Datagram(asyncio.DatagramProtocol):
    def __init__(self, done):
        self.done = done

    def connection_made(self, transport):
        self.transport = transport

    def datagram_received(self, data, addr):
        if data == b"reply":
            self.done.set_result(data)
        else:
            self.transport.sendto(b"reply", addr)


async def udp():
    loop = asyncio.get_running_loop()
    done = loop.create_future()
    t1, p1 = await loop.create_datagram_endpoint(lambda: Datagram(None), local_addr=("127.0.0.1", 0))
    t2, p2 = await loop.create_datagram_endpoint(
        lambda: Datagram(done), remote_addr=t1.get_extra_info("sockname")
    )
    t2.sendto(b"ping")
    print("udp", await asyncio.wait_for(done, 5))
    t1.close()
    t2.close()


async def executors_and_processes():
    loop = asyncio.get_running_loop()
    print(await loop.run_in_executor(None, sorted, [3, 1, 2]))
    print(await loop.getaddrinfo("127.0.0.1", 80, family=socket.AF_INET, type=socket.SOCK_STREAM))
    p = await asyncio.create_subprocess_exec(
        sys.executable, "-c", "import sys; print(sys.stdin.read().upper())",
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE)
    out, err = await p.communicate(b"from the parent")
    print(out, err, p.returncode)
    p = await asyncio.create_subprocess_shell("exit 3")
    print("shell exit", await p.wait())


async def main():
    await tcp()
    await unix()
    await sock_functions()
    await udp()
    await executors_and_processes()


asyncio.run(main())
print("done")
