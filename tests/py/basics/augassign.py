# augmented assignment
x = 10
x += 5; print(x)
x -= 3; print(x)
x *= 4; print(x)
x //= 5; print(x)
x %= 7; print(x)
x **= 10; print(x)
x /= 2; print(x)
y = 0b1111
y &= 0b1010; print(y)
y |= 0b0101; print(y)
y ^= 0b0011; print(y)
y <<= 40; print(y)
y >>= 38; print(y)
s = "ab"
s += "cd"; s *= 2
print(s)
lst = [1]
alias = lst
lst += [2, 3]
print(lst, alias, lst is alias)
t = (1,)
t2 = t
t += (2,)
print(t, t2)
d = {"k": 1}
d["k"] += 10
print(d)
class A:
    n = 0
a = A()
a.n += 5
print(a.n, A.n)
arr = [[0, 0], [0, 0]]
arr[1][0] -= 7
print(arr)
i = 0
lst2 = [5, 6]
lst2[i] += 100
print(lst2)
