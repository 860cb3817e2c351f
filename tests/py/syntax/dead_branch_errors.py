# 'break'/'continue' outside a loop and 'return' outside a function are
# errors even in a branch the compiler drops (if 0:, else of if 1:, while 0:).
cases = [
    "if 0: break",
    "if 0: break\nelse:  x=1",
    "if 1: pass\nelse: break",
    "class C:\n  if 0: break",
    "class C:\n  if 1: pass\n  else: break",
    "if 0: continue",
    "if 1: pass\nelse: continue",
    "if 0: return",
    "class C:\n  if 0: return",
    "while 0:\n  return 5",
    "if 0:\n  try:\n    pass\n  finally:\n    continue",
    "if 0:\n  with x:\n    break",
    "if False:\n  match x:\n    case 1:\n      return",
    "while 0:\n  break\nelse:\n  pass",
    "for x in y:\n  if 0: break",
    "def f():\n  if 0: return 1",
    "if 0:\n  def g():\n    return 2",
    "if 0:\n  for i in x:\n    continue",
]
for src in cases:
    try:
        compile(src, "<case>", "exec")
        print("ok", repr(src))
    except SyntaxError as e:
        print(type(e).__name__, e, e.lineno, e.offset, e.end_lineno, e.end_offset)
