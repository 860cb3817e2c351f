# tokenizer + recursive-descent calculator with variables and error handling
class Token:
    def __init__(self, kind, value, pos):
        self.kind = kind
        self.value = value
        self.pos = pos
    def __repr__(self):
        return "Token(%s, %r)" % (self.kind, self.value)

class CalcError(Exception):
    pass

def tokenize(src):
    tokens = []
    i = 0
    while i < len(src):
        c = src[i]
        if c.isspace():
            i += 1
        elif c.isdigit() or c == ".":
            j = i
            while j < len(src) and (src[j].isdigit() or src[j] == "."):
                j += 1
            text = src[i:j]
            tokens.append(Token("num", float(text) if "." in text else int(text), i))
            i = j
        elif c.isalpha() or c == "_":
            j = i
            while j < len(src) and (src[j].isalnum() or src[j] == "_"):
                j += 1
            tokens.append(Token("name", src[i:j], i))
            i = j
        elif c in "+-*/%^()=,":
            tokens.append(Token("op", c, i))
            i += 1
        else:
            raise CalcError("unexpected character %r at %d" % (c, i))
    tokens.append(Token("eof", None, len(src)))
    return tokens

class Parser:
    FUNCS = {"abs": abs, "max": max, "min": min, "sqr": lambda x: x * x}

    def __init__(self, tokens, env):
        self.toks = tokens
        self.i = 0
        self.env = env

    def peek(self):
        return self.toks[self.i]

    def take(self, value=None):
        t = self.toks[self.i]
        if value is not None and t.value != value:
            raise CalcError("expected %r at %d, got %r" % (value, t.pos, t.value))
        self.i += 1
        return t

    def statement(self):
        if self.peek().kind == "name" and self.toks[self.i + 1].value == "=":
            name = self.take().value
            self.take("=")
            val = self.expr()
            self.env[name] = val
            return val
        return self.expr()

    def expr(self):
        v = self.term()
        while self.peek().value in ("+", "-"):
            op = self.take().value
            r = self.term()
            v = v + r if op == "+" else v - r
        return v

    def term(self):
        v = self.factor()
        while self.peek().value in ("*", "/", "%"):
            op = self.take().value
            r = self.factor()
            if op == "*":
                v = v * r
            elif r == 0:
                raise CalcError("division by zero")
            elif op == "/":
                v = v / r if v % r else v // r
            else:
                v = v % r
        return v

    def factor(self):
        if self.peek().value == "-":
            self.take()
            return -self.factor()
        base = self.atom()
        if self.peek().value == "^":
            self.take()
            return base ** self.factor()
        return base

    def atom(self):
        t = self.take()
        if t.kind == "num":
            return t.value
        if t.kind == "name":
            if self.peek().value == "(":
                self.take("(")
                args = [self.expr()]
                while self.peek().value == ",":
                    self.take()
                    args.append(self.expr())
                self.take(")")
                if t.value not in self.FUNCS:
                    raise CalcError("unknown function " + t.value)
                return self.FUNCS[t.value](*args)
            if t.value not in self.env:
                raise CalcError("undefined variable " + t.value)
            return self.env[t.value]
        if t.value == "(":
            v = self.expr()
            self.take(")")
            return v
        raise CalcError("unexpected token %r" % (t.value,))

def run(lines):
    env = {}
    for line in lines:
        try:
            p = Parser(tokenize(line), env)
            result = p.statement()
            if p.peek().kind != "eof":
                raise CalcError("trailing input at %d" % p.peek().pos)
            print("%-22s => %r" % (line, result))
        except CalcError as e:
            print("%-22s => error: %s" % (line, e))
    print("env:", sorted(env.items()))

print(tokenize("x = 3 + 4.5"))
run([
    "1 + 2 * 3", "(1 + 2) * 3", "2 ^ 3 ^ 2", "-2 ^ 2", "10 / 4", "10 / 5",
    "7 % 3", "x = 5", "y = x * 2 + 1", "x * y", "sqr(x) + abs(-3)",
    "max(1, y, 4)", "2 ^ 100", "1 / 0", "z + 1", "3 $ 4", "(1 + 2", "1 2",
    "foo(1)", "big = 2 ^ 64 - 1", "big + 1",
])
