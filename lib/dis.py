"""Disassembler of pvm's register bytecode.

Why pvm has its own: CPython's dis.py decodes CPython's stack bytecode
(2-byte code units, inline caches, CPython's exception table format) and
reads code-object internals pvm does not have.  pvm's code is 32-bit
register instruction words (docs/bytecode.md, "Disassembling"); the
native `_opcode` module (modules/opcode.c) decodes them with the
interpreter's own decoder and describes the register layout, and this
module presents them with CPython 3.11's public API: dis(), disassemble(),
distb(), get_instructions(), Bytecode, Instruction, Positions,
code_info(), show_code(), findlinestarts(), findlabels(),
COMPILER_FLAG_NAMES, pretty_flags() and the helpers modulefinder uses.

Offsets are byte offsets into co_code (4 bytes per instruction word), the
unit of co_lines(), f_lasti and tb_lasti.  An instruction's `arg` is the
tuple of its raw operands (one per operand letter of its format, then
the trailing jump or data word), `argval` the tuple of resolved operands
(register names, constants, names, numbers, and a jump's target offset).
"""

import sys
import types
import collections
import io

import _opcode
from opcode import *
from opcode import __all__ as _opcodes_all
from opcode import opformat

__all__ = ["code_info", "dis", "disassemble", "distb", "disco",
           "findlinestarts", "findlabels", "show_code",
           "get_instructions", "Instruction", "Bytecode"] + _opcodes_all
del _opcodes_all

_have_code = (types.MethodType, types.FunctionType, types.CodeType,
              classmethod, staticmethod, type)

FORMAT_VALUE = opmap['FORMAT_VALUE']
FORMAT_VALUE_CONVERTERS = ('', 'str', 'repr', 'ascii')
MAKE_FUNCTION = opmap['MAKE_FUNCTION']
MAKE_FUNCTION_FLAGS = ('defaults', 'kwdefaults', 'annotations', 'closure')
LOAD_CONST = opmap['LOAD_CONST']
LOAD_GLOBAL = opmap['LOAD_GLOBAL']
IMPORT_NAME = opmap['IMPORT_NAME']
_CALLS = (opmap['CALL'], opmap['CALL_METHOD'])
_STORE_OPS = (opmap['STORE_NAME'], opmap['STORE_GLOBAL'])


def _try_compile(source, name):
    """Compile source as an expression, or else as statements."""
    try:
        return compile(source, name, 'eval')
    except SyntaxError:
        return compile(source, name, 'exec')


def dis(x=None, *, file=None, depth=None, show_caches=False, adaptive=False):
    """Disassemble classes, methods, functions, generators, coroutines,
    code objects, source strings and raw bytecode.

    With no argument, disassemble the last traceback.
    """
    if x is None:
        distb(file=file)
        return
    x = _unwrap(x)
    if hasattr(x, '__dict__'):  # a class or a module
        for name, x1 in sorted(x.__dict__.items()):
            if isinstance(x1, _have_code):
                print("Disassembly of %s:" % name, file=file)
                try:
                    dis(x1, file=file, depth=depth)
                except TypeError as msg:
                    print("Sorry:", msg, file=file)
                print(file=file)
    elif hasattr(x, 'co_code'):
        _disassemble_recursive(x, file=file, depth=depth)
    elif isinstance(x, (bytes, bytearray)):
        _disassemble_bytes(bytes(x), file=file)
    elif isinstance(x, str):
        _disassemble_str(x, file=file, depth=depth)
    else:
        raise TypeError("don't know how to disassemble %s objects" %
                        type(x).__name__)


def distb(tb=None, *, file=None, show_caches=False, adaptive=False):
    """Disassemble a traceback (default: the last one)."""
    if tb is None:
        try:
            tb = sys.last_traceback
        except AttributeError:
            raise RuntimeError("no last traceback to disassemble") from None
        while tb.tb_next:
            tb = tb.tb_next
    disassemble(tb.tb_frame.f_code, tb.tb_lasti, file=file)


# co_flags as CPython reports them (pvm's code objects translate their own
# flags into these values); inspect builds its CO_* constants from this.
COMPILER_FLAG_NAMES = {
    1: "OPTIMIZED",
    2: "NEWLOCALS",
    4: "VARARGS",
    8: "VARKEYWORDS",
    16: "NESTED",
    32: "GENERATOR",
    64: "NOFREE",
    128: "COROUTINE",
    256: "ITERABLE_COROUTINE",
    512: "ASYNC_GENERATOR",
}


def pretty_flags(flags):
    """Return pretty representation of code flags."""
    names = []
    for i in range(32):
        flag = 1 << i
        if flags & flag:
            names.append(COMPILER_FLAG_NAMES.get(flag, hex(flag)))
            flags ^= flag
            if not flags:
                break
    else:
        names.append(hex(flags))
    return ", ".join(names)


class _Unknown:
    def __repr__(self):
        return "<unknown>"


UNKNOWN = _Unknown()


def _unwrap(x):
    """The code object behind a method, function, generator, async
    generator or coroutine; anything else unchanged."""
    if hasattr(x, '__func__'):
        x = x.__func__
    if hasattr(x, '__code__'):
        return x.__code__
    for attr in ('gi_code', 'ag_code', 'cr_code'):
        if hasattr(x, attr):
            return getattr(x, attr)
    return x


def _get_code_object(x):
    """The code object of a method, function, generator, coroutine, source
    string or code object."""
    x = _unwrap(x)
    if isinstance(x, str):
        x = _try_compile(x, "<disassembly>")
    if hasattr(x, 'co_code'):
        return x
    raise TypeError("don't know how to disassemble %s objects" %
                    type(x).__name__)


def code_info(x):
    """Formatted details of methods, functions, or code."""
    return _format_code_info(_get_code_object(x))


def _format_code_info(co):
    # CPython's layout; "Stack size" is co_stacksize, which on pvm is the
    # number of registers of a frame.
    lines = [
        "Name:              %s" % co.co_name,
        "Filename:          %s" % co.co_filename,
        "Argument count:    %s" % co.co_argcount,
        "Positional-only arguments: %s" % co.co_posonlyargcount,
        "Kw-only arguments: %s" % co.co_kwonlyargcount,
        "Number of locals:  %s" % co.co_nlocals,
        "Stack size:        %s" % co.co_stacksize,
        "Flags:             %s" % pretty_flags(co.co_flags),
    ]
    if co.co_consts:
        lines.append("Constants:")
        lines.extend("%4d: %r" % item for item in enumerate(co.co_consts))
    for title, names in (("Names", co.co_names),
                         ("Variable names", co.co_varnames),
                         ("Free variables", co.co_freevars),
                         ("Cell variables", co.co_cellvars)):
        if names:
            lines.append(title + ":")
            lines.extend("%4d: %s" % item for item in enumerate(names))
    return "\n".join(lines)


def show_code(co, *, file=None):
    """Print details of methods, functions, or code to *file* (stdout)."""
    print(code_info(co), file=file)


Positions = collections.namedtuple(
    'Positions',
    ['lineno', 'end_lineno', 'col_offset', 'end_col_offset'],
    defaults=[None] * 4
)

_Instruction = collections.namedtuple(
    "_Instruction",
    ['opname', 'opcode', 'arg', 'argval', 'argrepr', 'offset',
     'starts_line', 'is_jump_target', 'positions'],
    defaults=[None]
)

_Instruction.opname.__doc__ = "Human readable name for operation"
_Instruction.opcode.__doc__ = "Numeric code for operation"
_Instruction.arg.__doc__ = "Tuple of the raw operands (if any), otherwise None"
_Instruction.argval.__doc__ = "Tuple of the resolved operands (if any), otherwise None"
_Instruction.argrepr.__doc__ = "Human readable description of the operands"
_Instruction.offset.__doc__ = "Start byte offset of operation within co_code"
_Instruction.starts_line.__doc__ = "Line started by this opcode (if any), otherwise None"
_Instruction.is_jump_target.__doc__ = "True if other code jumps to here, otherwise False"
_Instruction.positions.__doc__ = "dis.Positions object holding the span of source code covered by this instruction"

# depth is the register that receives the exception; lasti is always False.
_ExceptionTableEntry = collections.namedtuple("_ExceptionTableEntry",
    "start end target depth lasti")

_OPNAME_WIDTH = 20
_WORD = 4   # bytes per instruction word


class Instruction(_Instruction):
    """Details for one pvm instruction

       Defined fields:
         opname - human readable name for operation
         opcode - numeric code for operation
         arg - tuple of the raw operands (if any), otherwise None
         argval - tuple of the resolved operands (if any), otherwise None
         argrepr - human readable description of the operands
         offset - start byte offset of the instruction within co_code
         starts_line - line started by this opcode (if any), otherwise None
         is_jump_target - True if other code jumps to here, otherwise False
         positions - dis.Positions object holding the span of source code
                     covered by this instruction
    """

    @property
    def jump_target(self):
        """Byte offset this instruction may jump to, or None."""
        if self.opcode in hasjabs and self.argval:
            return self.argval[-1]
        return None

    def _disassemble(self, lineno_width=3, mark_as_current=False, offset_width=4):
        """One line of disassembly: line number, '-->' for the current
        instruction, '>>' for a jump target, offset, name, operands."""
        fields = []
        if lineno_width:
            if self.starts_line is not None:
                fields.append("%*d" % (lineno_width, self.starts_line))
            else:
                fields.append(' ' * lineno_width)
        fields.append('-->' if mark_as_current else '   ')
        fields.append('>>' if self.is_jump_target else '  ')
        fields.append(repr(self.offset).rjust(offset_width))
        fields.append(self.opname.ljust(_OPNAME_WIDTH))
        if self.argrepr:
            fields.append(self.argrepr)
        return ' '.join(fields).rstrip()


class _Layout:
    """What a disassembly needs to know about one code object (or nothing,
    for raw bytecode)."""

    def __init__(self, co=None):
        self.regnames = {}
        self.consts = self.names = None
        self.exctable = ()
        if co is None:
            return
        lay = _opcode.layout(co)
        self.consts = co.co_consts
        self.names = co.co_names
        self.exctable = lay['exctable']
        for i, name in enumerate(lay['regnames'] or ()):
            self.regnames[i] = name
        for name, reg in zip(co.co_cellvars, lay['cell_regs']):
            self.regnames.setdefault(reg, name)
        for i, name in enumerate(co.co_freevars):
            self.regnames.setdefault(lay['nlocals'] + i, name)

    def reg(self, r):
        return self.regnames.get(r) or 'r%d' % r

    def const(self, k):
        if self.consts is not None and 0 <= k < len(self.consts):
            return self.consts[k]
        return UNKNOWN

    def name(self, n):
        if self.names is not None and 0 <= n < len(self.names):
            return self.names[n]
        return UNKNOWN


def _operands(op, ops, extra, lay):
    """(arg, argval, argrepr) of one decoded instruction."""
    fmt = opformat[opname[op]]
    letters = fmt[:2] if fmt[2:3] == 'x' else fmt[:3]
    tail = fmt[len(letters) + (fmt[2:3] == 'x'):]
    arg, argval, reprs = [], [], []
    for i, (kind, v) in enumerate(zip(letters, ops)):
        if kind == '_':
            continue
        arg.append(v)
        if kind == 'R':
            val = lay.reg(v)
            text = val
        elif kind == 'K':
            val = lay.const(v)
            text = repr(val) if val is not UNKNOWN else 'K[%d]' % v
        elif kind == 'N':
            val = lay.name(v)
            text = val if val is not UNKNOWN else 'N[%d]' % v
        else:  # 'U' count or flags, 'I' signed immediate
            val = v
            text = str(v)
            if i == 2 and op in _CALLS:
                # C > 0: K[C-1] names the keyword arguments.
                if v == 0:
                    text = None
                else:
                    kw = lay.const(v - 1)
                    text = 'kwnames=%r' % (kw,) if kw is not UNKNOWN else 'kwnames=K[%d]' % (v - 1)
            elif i == 2 and op == MAKE_FUNCTION:
                text = ', '.join(s for b, s in enumerate(MAKE_FUNCTION_FLAGS)
                                 if v & (1 << b)) or None
            elif i == 2 and op == FORMAT_VALUE:
                parts = [FORMAT_VALUE_CONVERTERS[v & 3]]
                if v & 4:
                    parts.append('with format')
                text = ', '.join(p for p in parts if p) or None
        argval.append(val)
        if text is not None:
            reprs.append(text)
    argrepr = ', '.join(reprs)
    if extra is not None:
        arg.append(extra)
        if 'J' in tail:
            argval.append(extra * _WORD)
            argrepr += (' ' if argrepr else '') + 'to %d' % (extra * _WORD)
        else:
            argval.append(extra)
            argrepr += (', ' if argrepr else '') + str(extra)
    if not arg:
        return None, None, ''
    return tuple(arg), tuple(argval), argrepr


def _decode(x):
    """_opcode.decode(x), offsets and sizes in bytes."""
    return [(w * _WORD, n * _WORD, op, ops, extra)
            for w, n, op, ops, extra in _opcode.decode(x)]


def _parse_exception_table(co):
    lay = _Layout(co)
    return [_ExceptionTableEntry(s * _WORD, e * _WORD, h * _WORD, d, False)
            for s, e, h, d in lay.exctable]


def get_instructions(x, *, first_line=None, show_caches=False, adaptive=False):
    """Iterator of Instruction tuples for the instructions of methods,
    functions, code objects or source.

    If *first_line* is not None, line numbers are shifted so that the code's
    first line reads as *first_line*.
    """
    co = _get_code_object(x)
    line_offset = 0 if first_line is None else first_line - co.co_firstlineno
    return _get_instructions(co, dict(findlinestarts(co)), line_offset)


def _get_instructions(co, linestarts=None, line_offset=0, code=None):
    """Instructions of code object co (or of raw bytecode `code`)."""
    if co is not None:
        lay = _Layout(co)
        insns = _decode(co)
        positions = list(co.co_positions())
    else:
        lay = _Layout()
        insns = _decode(code)
        positions = []
    labels = set(_labels(insns))
    labels.update(h * _WORD for s, e, h, d in lay.exctable)
    if linestarts is None:
        linestarts = {}
    raw = co.co_code if co is not None else code
    for offset, size, op, ops, extra in insns:
        starts_line = None
        for o in range(offset, offset + size, _WORD):
            if o in linestarts:
                starts_line = linestarts[o] + line_offset
                break
        pos = positions[offset // 2] if offset // 2 < len(positions) else ()
        if op is None:  # an unknown opcode, or a truncated EXTENDED_ARG prefix
            byte = raw[offset] if offset < len(raw) else 0
            yield Instruction(opname[byte], byte, None, None, '<invalid>', offset,
                              starts_line, offset in labels, Positions(*pos))
            continue
        arg, argval, argrepr = _operands(op, ops, extra, lay)
        yield Instruction(opname[op], op, arg, argval, argrepr, offset,
                          starts_line, offset in labels, Positions(*pos))


def _labels(insns):
    labels = []
    for offset, size, op, ops, extra in insns:
        if op is not None and op in hasjabs and extra is not None:
            label = extra * _WORD
            if label not in labels:
                labels.append(label)
    return labels


def disassemble(co, lasti=-1, *, file=None, show_caches=False, adaptive=False):
    """Disassemble a code object; lasti (a byte offset) marks the current
    instruction with '-->'."""
    _print_instructions(co, None, lasti, dict(findlinestarts(co)), 0, file)


disco = disassemble


def _print_instructions(co, code, lasti, linestarts, line_offset, file):
    raw = co.co_code if co is not None else code
    if linestarts:
        maxlineno = max(linestarts.values()) + line_offset
        lineno_width = len(str(maxlineno)) if maxlineno >= 1000 else 3
    else:
        lineno_width = 0
    maxoffset = len(raw) - _WORD
    offset_width = len(str(maxoffset)) if maxoffset >= 10000 else 4
    insns = list(_get_instructions(co, linestarts, line_offset, code))
    for i, instr in enumerate(insns):
        if lineno_width and instr.starts_line is not None and instr.offset > 0:
            print(file=file)
        end = insns[i + 1].offset if i + 1 < len(insns) else len(raw)
        current = instr.offset <= lasti < end
        print(instr._disassemble(lineno_width, current, offset_width), file=file)
    if co is not None:
        entries = _parse_exception_table(co)
        if entries:
            lay = _Layout(co)
            print("ExceptionTable:", file=file)
            for e in entries:
                print("  %d to %d -> %d [%s]" % (e.start, e.end - _WORD, e.target,
                                                lay.reg(e.depth)), file=file)


def _disassemble_bytes(code, lasti=-1, *args, file=None, **kwargs):
    """Disassemble raw bytecode (co_code's bytes): no names, constants or
    lines are known."""
    _print_instructions(None, bytes(code), lasti, None, 0, file)


def _disassemble_recursive(co, *, file=None, depth=None, show_caches=False, adaptive=False):
    disassemble(co, file=file)
    if depth is None or depth > 0:
        if depth is not None:
            depth = depth - 1
        for x in co.co_consts:
            if hasattr(x, 'co_code'):
                print(file=file)
                print("Disassembly of %r:" % (x,), file=file)
                _disassemble_recursive(x, file=file, depth=depth)


def _disassemble_str(source, **kwargs):
    """Compile the source string, then disassemble the code object."""
    _disassemble_recursive(_try_compile(source, '<dis>'), **kwargs)


def _unpack_opargs(code):
    """(offset, opcode, operands) of each instruction of raw bytecode or a
    code object; opcode None for a word that does not decode."""
    for offset, size, op, ops, extra in _decode(code):
        yield offset, op, ops


def findlabels(code):
    """Byte offsets of the jump targets in raw bytecode (or a code object)."""
    return _labels(_decode(code if hasattr(code, 'co_code') else bytes(code)))


def findlinestarts(code):
    """Pairs (offset, lineno) of the byte offsets where source lines start."""
    lastline = None
    for start, end, line in code.co_lines():
        if line is not None and line != lastline:
            lastline = line
            yield start, line
    return


def _find_imports(co):
    """Triples (name, level, fromlist) of the imports in the code (not in
    nested code objects), as __import__ receives them."""
    consts = co.co_consts
    names = co.co_names
    for offset, size, op, ops, extra in _decode(co):
        if op == IMPORT_NAME:
            # IMPORT_NAME R[A] N[B] K[C]: K[C] is (level, fromlist).
            level, fromlist = consts[ops[2]]
            yield (names[ops[1]], level, fromlist)


def _find_store_names(co):
    """Names that the code stores with STORE_NAME or STORE_GLOBAL."""
    names = co.co_names
    for offset, size, op, ops, extra in _decode(co):
        if op in _STORE_OPS:
            yield names[ops[1]]


class Bytecode:
    """The instructions of a piece of code.

    Instantiate this with a function, method, other compiled object, string
    of code, or a code object (as returned by compile()).  Iterating over it
    yields the instructions as Instruction instances.
    """
    def __init__(self, x, *, first_line=None, current_offset=None, show_caches=False, adaptive=False):
        self.codeobj = co = _get_code_object(x)
        if first_line is None:
            self.first_line = co.co_firstlineno
            self._line_offset = 0
        else:
            self.first_line = first_line
            self._line_offset = first_line - co.co_firstlineno
        self._linestarts = dict(findlinestarts(co))
        self._original_object = x
        self.current_offset = current_offset
        self.exception_entries = _parse_exception_table(co)
        self.show_caches = show_caches
        self.adaptive = adaptive

    def __iter__(self):
        return _get_instructions(self.codeobj, self._linestarts, self._line_offset)

    def __repr__(self):
        return "{}({!r})".format(self.__class__.__name__, self._original_object)

    @classmethod
    def from_traceback(cls, tb, *, show_caches=False, adaptive=False):
        """Construct a Bytecode from the given traceback."""
        while tb.tb_next:
            tb = tb.tb_next
        return cls(tb.tb_frame.f_code, current_offset=tb.tb_lasti,
                   show_caches=show_caches, adaptive=adaptive)

    def info(self):
        """Return formatted information about the code object."""
        return _format_code_info(self.codeobj)

    def dis(self):
        """Return a formatted view of the instructions."""
        offset = -1 if self.current_offset is None else self.current_offset
        with io.StringIO() as output:
            _print_instructions(self.codeobj, None, offset, self._linestarts,
                                self._line_offset, output)
            return output.getvalue()


def _test():
    """Disassemble a file (python -m dis [file])."""
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument('infile', type=argparse.FileType('rb'), nargs='?', default='-')
    args = parser.parse_args()
    with args.infile as infile:
        source = infile.read()
    code = compile(source, args.infile.name, "exec")
    dis(code)


if __name__ == "__main__":
    _test()
