# Read-modify-write of an instance attribute from two threads.
import threading


class Account:
    def __init__(self):
        self.balance = 0


acct = Account()


def deposit():
    for _ in range(100):
        acct.balance = acct.balance + 1  # RACE


ts = [threading.Thread(target=deposit) for _ in range(2)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("balance", acct.balance)
