"""pvm's opcode module: the instruction set of pvm's register bytecode.

Why pvm has its own: CPython's opcode.py lists CPython's stack bytecode,
which pvm does not run.  pvm's instructions are 32-bit register words
(docs/bytecode.md) declared once in core/opcodes.def; this module reads
that table from the native `_opcode` module (modules/opcode.c) at import,
so it can never drift from the interpreter.  The names CPython's module
exports exist here with pvm's meaning; pvm adds `opformat` and `opdoc`.
"""

import _opcode

__all__ = ["cmp_op", "hasconst", "hasname", "hasjrel", "hasjabs",
           "haslocal", "hascompare", "hasfree", "opname", "opmap",
           "HAVE_ARGUMENT", "EXTENDED_ARG", "hasnargs", "stack_effect",
           "opformat", "opdoc"]

cmp_op = ('<', '<=', '==', '!=', '>', '>=')

# opcode number -> name ('<N>' for numbers no opcode uses, as CPython's)
opname = ['<%r>' % (op,) for op in range(256)]
opmap = {}      # name -> opcode number
opformat = {}   # name -> operand format, e.g. 'RRK', 'RKx', 'RRUJ'
opdoc = {}      # name -> meaning in register notation (core/opcodes.def)

hasconst = []   # an operand indexes co_consts (K)
hasname = []    # an operand indexes co_names (N)
hasjrel = []    # pvm has no relative jumps
hasjabs = []    # a jump word follows (J): an absolute instruction-word index
haslocal = []   # an operand is a register (R)
hascompare = [] # no opcode takes a comparison index: each comparison is its own opcode
hasfree = []    # an operand is a cell register (the *_DEREF family)
hasnargs = []   # unused, as in CPython 3.11

for _op, (_name, _fmt, _doc) in enumerate(_opcode.opcodes):
    opname[_op] = _name
    opmap[_name] = _op
    opformat[_name] = _fmt
    opdoc[_name] = _doc
    _letters = _fmt[:2] if _fmt[2:3] == 'x' else _fmt[:3]
    if 'K' in _letters:
        hasconst.append(_op)
    if 'N' in _letters:
        hasname.append(_op)
    if 'R' in _letters:
        haslocal.append(_op)
    if 'J' in _fmt[3:]:
        hasjabs.append(_op)
    if _name.endswith('_DEREF') or _name == 'LOAD_CLASSDEREF':
        hasfree.append(_op)
del _op, _name, _fmt, _doc, _letters

# Every pvm instruction word has operand fields (unused ones are zero).
HAVE_ARGUMENT = 0
EXTENDED_ARG = opmap['EXTENDED_ARG']

# pvm has no inline caches.
_inline_cache_entries = [0] * 256


def stack_effect(opcode, oparg=None, /, *, jump=None):
    """Stack effect of opcode: always 0, as pvm's instructions read and write
    registers and have no operand stack."""
    if not isinstance(opcode, int):
        raise TypeError("'%s' object cannot be interpreted as an integer"
                        % type(opcode).__name__)
    if not 0 <= opcode < len(_opcode.opcodes) or opcode == EXTENDED_ARG:
        raise ValueError('invalid opcode or oparg')
    return 0
