# uuid: parsing and formatting, fields, versions 1/3/4/5 (random ones by
# shape), namespaces, comparisons, errors.
import uuid

u = uuid.UUID("12345678-1234-5678-1234-567812345678")
print(u, repr(u), u.hex, u.int, u.bytes, u.bytes_le, u.urn, u.version, u.variant)
print(u.fields, u.time_low, u.time_mid, u.clock_seq, u.node, u.time)
print(uuid.UUID("{12345678-1234-5678-1234-567812345678}") == u, uuid.UUID("urn:uuid:12345678123456781234567812345678") == u)
print(uuid.UUID(bytes=u.bytes) == u, uuid.UUID(int=u.int) == u, uuid.UUID(fields=u.fields) == u, uuid.UUID(bytes_le=u.bytes_le) == u)
print(uuid.uuid3(uuid.NAMESPACE_DNS, "python.org"), uuid.uuid5(uuid.NAMESPACE_DNS, "python.org"))
print(uuid.uuid5(uuid.NAMESPACE_URL, "http://x"), uuid.uuid3(uuid.NAMESPACE_OID, "1.2"), uuid.NAMESPACE_X500)
r = uuid.uuid4()
print(r.version, r.variant, len(str(r)), str(r)[14], r != uuid.uuid4())
t = uuid.uuid1()
print(t.version, t.variant == uuid.RFC_4122, t.time > 0x1e0000000000000, uuid.uuid1(node=0x123456789abc, clock_seq=5).node)
print(sorted([uuid.UUID(int=3), uuid.UUID(int=1), uuid.UUID(int=2)])[0], uuid.UUID(int=1) < uuid.UUID(int=2), hash(u) == hash(uuid.UUID(str(u))))
print(uuid.UUID(int=0), uuid.UUID(int=2 ** 128 - 1).variant, uuid.UUID("00000000-0000-0000-c000-000000000000").variant)
print(uuid.RESERVED_NCS, uuid.RFC_4122, uuid.RESERVED_MICROSOFT, uuid.RESERVED_FUTURE, uuid.SafeUUID.unknown)
print(uuid.UUID(str(u), version=4), {u: 1}[uuid.UUID(u.hex)], str(uuid.UUID(u.hex.upper())))
print(type(uuid.getnode()).__name__, 0 <= uuid.getnode() < 2 ** 48)
for bad in (lambda: uuid.UUID("not-a-uuid"), lambda: uuid.UUID(int=-1), lambda: uuid.UUID(bytes=b"short"),
            lambda: uuid.UUID(), lambda: uuid.UUID("x", int=1), lambda: setattr(u, "hex", "0")):
    try:
        print(bad())
    except (ValueError, TypeError) as e:
        print(type(e).__name__ + ":", e)
import copy, pickle
print(copy.deepcopy(u) == u, pickle.loads(pickle.dumps(u)) == u)
