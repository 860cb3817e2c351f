# bank account class simulation with transactions, exceptions and reports
class BankError(Exception):
    pass

class InsufficientFunds(BankError):
    def __init__(self, account, amount):
        super().__init__("%s: cannot withdraw %d, balance %d" % (account.owner, amount, account.balance))
        self.amount = amount

class Account:
    next_number = 1000

    def __init__(self, owner, balance=0):
        self.owner = owner
        self.balance = balance
        self.number = Account.next_number
        Account.next_number += 1
        self.history = [("open", balance)]

    def deposit(self, amount):
        if amount <= 0:
            raise BankError("deposit must be positive, got %d" % amount)
        self.balance += amount
        self.history.append(("deposit", amount))

    def withdraw(self, amount):
        if amount > self.balance:
            raise InsufficientFunds(self, amount)
        self.balance -= amount
        self.history.append(("withdraw", amount))

    def month_end(self):
        pass

    def __repr__(self):
        return "%s(#%d, %s, %d)" % (type(self).__name__, self.number, self.owner, self.balance)

class Savings(Account):
    rate_percent = 2

    def month_end(self):
        interest = self.balance * self.rate_percent // 100
        if interest:
            self.balance += interest
            self.history.append(("interest", interest))

class Checking(Account):
    fee = 5
    overdraft = 100

    def withdraw(self, amount):
        if amount > self.balance + self.overdraft:
            raise InsufficientFunds(self, amount)
        self.balance -= amount
        self.history.append(("withdraw", amount))

    def month_end(self):
        self.balance -= self.fee
        self.history.append(("fee", self.fee))

class Bank:
    def __init__(self):
        self.accounts = {}

    def open(self, kind, owner, balance=0):
        acct = kind(owner, balance)
        self.accounts[acct.number] = acct
        return acct

    def transfer(self, src, dst, amount):
        a, b = self.accounts[src], self.accounts[dst]
        a.withdraw(amount)
        try:
            b.deposit(amount)
        except BankError:
            a.deposit(amount)
            raise

    def month_end(self):
        for acct in self.accounts.values():
            acct.month_end()

    def report(self):
        total = 0
        for num in sorted(self.accounts):
            acct = self.accounts[num]
            total += acct.balance
            print("  %-8s %-6s %6d  %s" % (type(acct).__name__, acct.owner, acct.balance,
                                           ",".join("%s:%d" % h for h in acct.history)))
        print("  total:", total)

bank = Bank()
alice = bank.open(Savings, "alice", 1000)
bob = bank.open(Checking, "bob", 50)
carol = bank.open(Account, "carol")
print(alice, bob, carol)
operations = [
    ("deposit", carol.number, 300),
    ("transfer", alice.number, bob.number, 200),
    ("withdraw", bob.number, 320),
    ("withdraw", bob.number, 100),
    ("deposit", alice.number, -5),
    ("transfer", carol.number, alice.number, 301),
    ("transfer", carol.number, alice.number, 0),
    ("withdraw", 9999, 1),
]
for op in operations:
    try:
        if op[0] == "deposit":
            bank.accounts[op[1]].deposit(op[2])
        elif op[0] == "withdraw":
            bank.accounts[op[1]].withdraw(op[2])
        else:
            bank.transfer(op[1], op[2], op[3])
        print("ok   ", op)
    except InsufficientFunds as e:
        print("funds", op, "-", e, "| amount", e.amount)
    except BankError as e:
        print("error", op, "-", e)
    except KeyError as e:
        print("nokey", op, "- no account", e)
for month in range(1, 4):
    bank.month_end()
    print("after month", month)
    bank.report()
print(sorted(bank.accounts.values(), key=lambda a: a.balance))
