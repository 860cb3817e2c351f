# Helper for thread_imports.py: a module whose body takes a while.
import time

import thrimp_counter

thrimp_counter.runs.append("slow")
time.sleep(0.2)
DONE = True
