# exceptions interacting with loops: continue/break in except and finally
results = []
for v in ["1", "x", "3", "", "5"]:
    try:
        n = int(v)
    except ValueError:
        results.append("bad:" + repr(v))
        continue
    else:
        results.append(n * 10)
    finally:
        results.append("|")
print(results)
i = 0
while True:
    try:
        i += 1
        if i == 3:
            raise StopIteration("manual")
    except StopIteration as e:
        print("stopping:", e)
        break
    finally:
        print("iteration", i, "cleanup")
data = [[1, 2], [3, "x"], [5, 6]]
sums = []
for row in data:
    try:
        sums.append(sum(row))
    except TypeError as e:
        sums.append(None)
        print("row error:", e)
print(sums)
count = 0
for attempt in range(5):
    try:
        count += 1
        if attempt < 3:
            raise ConnectionError("retry %d" % attempt)
        print("succeeded on attempt", attempt)
        break
    except ConnectionError as e:
        print("failed:", e)
print("attempts:", count)
