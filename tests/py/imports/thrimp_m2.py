# Helper for thread_imports.py: one of four modules imported by six threads.
import time

import thrimp_counter

thrimp_counter.runs.append("thrimp_m2")
time.sleep(0.05)
VALUE = 2
