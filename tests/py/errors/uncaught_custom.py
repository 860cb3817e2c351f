# uncaught custom exception with several args, raised from a method
class InsufficientFunds(Exception):
    def __init__(self, balance, amount):
        super().__init__(balance, amount)
        self.balance = balance
        self.amount = amount
class Account:
    def __init__(self, balance):
        self.balance = balance
    def withdraw(self, amount):
        if amount > self.balance:
            raise InsufficientFunds(self.balance, amount)
        self.balance -= amount
        print("balance now", self.balance)
acct = Account(100)
acct.withdraw(30)
acct.withdraw(50)
acct.withdraw(40)
print("not reached")
