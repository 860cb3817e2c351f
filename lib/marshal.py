"""Serialization of core Python values in CPython's marshal format.

Why pvm has its own: CPython's marshal is a C module that also serializes
CPython code objects; importlib._bootstrap_external imports it (so unittest,
inspect, dataclasses and zipfile need it to exist).  pvm's code objects are
register bytecode with their own cache format (core/pyc.c), so this module
covers the data types only, in pure Python, reading and writing the same
bytes as CPython's versions 0-4 for them: None, bool, StopIteration,
Ellipsis, int, float, complex, str, bytes (and bytes-like), tuple, list,
dict, set and frozenset.  A code object is stored as type 'c' followed by
its size and a pvm bytecode cache image (core/pyc.c's format, through
_imp._pvm_code_dumps / _pvm_code_loads), so importlib's SourceLoader.get_code
and py_compile work with pvm code; CPython's own code objects in marshal data
raise ValueError, as do other types.  Output can differ from CPython's in the
FLAG_REF bits, which CPython sets from reference counts; both decode to the
same values.
"""

version = 4

_code_type = type((lambda: None).__code__)

_NULL = b'0'
_FLAG_REF = 0x80


class _Writer:
    def __init__(self, version):
        self.version = version
        self.out = bytearray()
        self.refs = {}
        self.depth = 0

    def byte(self, code, ref=False):
        self.out.append(code[0] | (_FLAG_REF if ref else 0))

    def long(self, x):
        self.out += (x & 0xFFFFFFFF).to_bytes(4, 'little')

    def size(self, n):
        if n > 0x7FFFFFFF:
            raise ValueError("unmarshallable object")
        self.long(n)

    def ref(self, v, code):
        # Version 3 and later share repeated containers and strings.
        if self.version < 3:
            self.byte(code)
            return False
        key = id(v)
        if key in self.refs:
            self.byte(b'r')
            self.long(self.refs[key][0])
            return True
        self.refs[key] = (len(self.refs), v)
        self.byte(code, True)
        return False

    def value(self, v):
        self.depth += 1
        if self.depth > 2000:
            raise ValueError("object too deeply nested to marshal")
        try:
            self._value(v)
        finally:
            self.depth -= 1

    def _value(self, v):
        t = type(v)
        if v is None:
            self.byte(b'N')
        elif v is False:
            self.byte(b'F')
        elif v is True:
            self.byte(b'T')
        elif v is StopIteration:
            self.byte(b'S')
        elif v is Ellipsis:
            self.byte(b'.')
        elif t is int:
            if -0x80000000 <= v <= 0x7FFFFFFF:
                self.byte(b'i')
                self.long(v)
            else:
                self.byte(b'l')
                digits = []
                a = abs(v)
                while a:
                    digits.append(a & 0x7FFF)
                    a >>= 15
                self.long(len(digits) if v > 0 else -len(digits))
                for d in digits:
                    self.out += d.to_bytes(2, 'little')
        elif t is float:
            if self.version > 1:
                self.byte(b'g')
                self.out += _pack_double(v)
            else:
                s = repr(v).encode()
                self.byte(b'f')
                self.out.append(len(s))
                self.out += s
        elif t is complex:
            if self.version > 1:
                self.byte(b'y')
                self.out += _pack_double(v.real) + _pack_double(v.imag)
            else:
                self.byte(b'x')
                for part in (v.real, v.imag):
                    s = repr(part).encode()
                    self.out.append(len(s))
                    self.out += s
        elif t is str:
            self.string(v)
        elif t is bytes or t is bytearray or t is memoryview:
            if t is bytes:
                if self.ref(v, b's'):
                    return
            else:
                self.byte(b's')  # mutable: never shared by reference
            data = bytes(v)
            self.size(len(data))
            self.out += data
        elif t is tuple:
            small = self.version >= 4 and len(v) < 256
            if self.ref(v, b')' if small else b'('):
                return
            if small:
                self.out.append(len(v))
            else:
                self.size(len(v))
            for x in v:
                self.value(x)
        elif t is list:
            if self.ref(v, b'['):
                return
            self.size(len(v))
            for x in v:
                self.value(x)
        elif t is dict:
            if self.ref(v, b'{'):
                return
            for k, x in v.items():
                self.value(k)
                self.value(x)
            self.out += _NULL
        elif t is set or t is frozenset:
            if self.ref(v, b'<' if t is set else b'>'):
                return
            self.size(len(v))
            for x in v:
                self.value(x)
        elif t is _code_type:
            import _imp
            image = _imp._pvm_code_dumps(v)
            self.byte(b'c')
            self.size(len(image))
            self.out += image
        else:
            raise ValueError("unmarshallable object")

    def string(self, v):
        try:
            data = v.encode('ascii')
            ascii = True
        except UnicodeEncodeError:
            data = v.encode('utf-8', 'surrogatepass')
            ascii = False
        if self.version >= 4 and ascii:
            if len(data) < 256:
                if self.ref(v, b'z'):
                    return
                self.out.append(len(data))
            else:
                if self.ref(v, b'a'):
                    return
                self.size(len(data))
        else:
            if self.ref(v, b'u'):
                return
            self.size(len(data))
        self.out += data


def _pack_double(x):
    import _struct
    return _struct.pack('<d', x)


def _unpack_double(b):
    import _struct
    return _struct.unpack('<d', b)[0]


class _Reader:
    def __init__(self, data):
        self.data = data
        self.pos = 0
        self.refs = []
        self.depth = 0

    def take(self, n):
        if n < 0 or self.pos + n > len(self.data):
            raise EOFError("marshal data too short")
        b = self.data[self.pos:self.pos + n]
        self.pos += n
        return bytes(b)

    def long(self):
        return int.from_bytes(self.take(4), 'little', signed=True)

    def size(self):
        n = self.long()
        if n < 0:
            raise ValueError("bad marshal data (size out of range)")
        return n

    def value(self):
        self.depth += 1
        if self.depth > 2000:
            raise ValueError("recursion limit exceeded")
        try:
            return self._value()
        finally:
            self.depth -= 1

    def _value(self):
        if self.pos >= len(self.data):
            raise EOFError("EOF read where object expected")
        code = self.take(1)[0]
        flag = code & _FLAG_REF
        code = chr(code & ~_FLAG_REF)
        slot = None
        if flag:
            slot = len(self.refs)
            self.refs.append(None)

        def done(v):
            if slot is not None:
                self.refs[slot] = v
            return v

        if code == 'N':
            return done(None)
        if code == 'F':
            return done(False)
        if code == 'T':
            return done(True)
        if code == 'S':
            return done(StopIteration)
        if code == '.':
            return done(Ellipsis)
        if code == 'i':
            return done(self.long())
        if code == 'l':
            n = self.long()
            v = 0
            for i in range(abs(n)):
                d = int.from_bytes(self.take(2), 'little')
                if d > 0x7FFF:
                    raise ValueError("bad marshal data (digit out of range in long)")
                v |= d << (15 * i)
            return done(-v if n < 0 else v)
        if code == 'g':
            return done(_unpack_double(self.take(8)))
        if code == 'f':
            return done(float(self.take(self.take(1)[0]).decode()))
        if code == 'y':
            re = _unpack_double(self.take(8))
            return done(complex(re, _unpack_double(self.take(8))))
        if code == 'x':
            re = float(self.take(self.take(1)[0]).decode())
            return done(complex(re, float(self.take(self.take(1)[0]).decode())))
        if code == 's':
            return done(self.take(self.size()))
        if code in 'tu':
            return done(self.take(self.size()).decode('utf-8', 'surrogatepass'))
        if code in 'aA':
            return done(self.take(self.size()).decode('latin-1'))
        if code in 'zZ':
            return done(self.take(self.take(1)[0]).decode('latin-1'))
        if code in ')(':
            n = self.take(1)[0] if code == ')' else self.size()
            return done(tuple([self.value() for _ in range(n)]))
        if code == '[':
            v = done([])
            for _ in range(self.size()):
                v.append(self.value())
            return v
        if code == '{':
            v = done({})
            while self.data[self.pos:self.pos + 1] != _NULL:
                k = self.value()
                v[k] = self.value()
            self.pos += 1
            return v
        if code in '<>':
            n = self.size()
            if code == '<':
                v = done(set())
                for _ in range(n):
                    v.add(self.value())
                return v
            return done(frozenset([self.value() for _ in range(n)]))
        if code == 'r':
            i = self.long()
            if i < 0 or i >= len(self.refs) or self.refs[i] is None:
                raise ValueError("bad marshal data (invalid reference)")
            return self.refs[i]
        if code == 'c':
            import _imp
            n = self.long()
            if n < 0 or self.pos + n > len(self.data):
                raise ValueError("bad marshal data (pvm cannot load CPython code objects)")
            try:
                return done(_imp._pvm_code_loads(self.take(n)))
            except ValueError:
                raise ValueError("bad marshal data (pvm cannot load CPython code objects)") from None
        raise ValueError("bad marshal data (unknown type code)")


def dumps(value, version=version, /):
    w = _Writer(version)
    w.value(value)
    return bytes(w.out)


def loads(bytes, /):
    return _Reader(memoryview(bytes).tobytes()).value()


def dump(value, file, version=version, /):
    file.write(dumps(value, version))


def load(file, /):
    data = file.read()
    r = _Reader(data)
    v = r.value()
    if hasattr(file, 'seek'):
        try:
            file.seek(r.pos - len(data), 1)
        except (OSError, ValueError, AttributeError):
            pass
    return v
