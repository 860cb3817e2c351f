# a singly linked list class with iteration, indexing, reversal, sorting and equality
class Node:
    def __init__(self, value, next=None):
        self.value = value
        self.next = next

class LinkedList:
    def __init__(self, items=()):
        self.head = None
        self.size = 0
        for item in reversed(list(items)):
            self.push_front(item)

    def push_front(self, value):
        self.head = Node(value, self.head)
        self.size += 1

    def append(self, value):
        node = Node(value)
        if self.head is None:
            self.head = node
        else:
            cur = self.head
            while cur.next:
                cur = cur.next
            cur.next = node
        self.size += 1

    def __iter__(self):
        cur = self.head
        while cur:
            yield cur.value
            cur = cur.next

    def __len__(self):
        return self.size

    def __getitem__(self, i):
        if i < 0:
            i += self.size
        if not 0 <= i < self.size:
            raise IndexError("linked list index out of range")
        for j, v in enumerate(self):
            if j == i:
                return v

    def __contains__(self, value):
        return any(v == value for v in self)

    def __eq__(self, other):
        return isinstance(other, LinkedList) and list(self) == list(other)

    def __repr__(self):
        return "LinkedList([" + " -> ".join(repr(v) for v in self) + "])"

    def remove(self, value):
        prev, cur = None, self.head
        while cur:
            if cur.value == value:
                if prev:
                    prev.next = cur.next
                else:
                    self.head = cur.next
                self.size -= 1
                return
            prev, cur = cur, cur.next
        raise ValueError("%r not in list" % (value,))

    def reverse(self):
        prev, cur = None, self.head
        while cur:
            cur.next, prev, cur = prev, cur, cur.next
        self.head = prev

    def sorted(self):
        return LinkedList(merge_sort(list(self)))

def merge_sort(xs):
    if len(xs) < 2:
        return xs
    mid = len(xs) // 2
    a, b = merge_sort(xs[:mid]), merge_sort(xs[mid:])
    out = []
    while a and b:
        out.append(a.pop(0) if a[0] <= b[0] else b.pop(0))
    return out + a + b

ll = LinkedList([3, 1, 4, 1, 5])
print(ll, len(ll), ll[0], ll[-1], 4 in ll, 9 in ll)
ll.append(9)
ll.push_front(2)
print(ll, len(ll))
ll.remove(1)
print(ll)
try:
    ll.remove(42)
except ValueError as e:
    print(type(e).__name__, e)
try:
    ll[100]
except IndexError as e:
    print(type(e).__name__, e)
ll.reverse()
print(ll, list(ll), sum(ll), max(ll))
print(ll.sorted(), ll.sorted() == LinkedList(sorted(ll)), ll == ll.sorted())
empty = LinkedList()
print(empty, len(empty), list(empty), bool(empty))
empty.reverse()
words = LinkedList("the quick brown fox".split())
print(words, [w.upper() for w in words], words.sorted())
print(LinkedList(range(5)) == LinkedList([0, 1, 2, 3, 4]), LinkedList([1]) == [1])
