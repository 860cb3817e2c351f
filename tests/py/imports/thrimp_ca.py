# Helper for thread_imports.py: imports thrimp_cb while another thread
# imports thrimp_cb, which imports this module.
import time

import thrimp_counter

thrimp_counter.runs.append("ca")
time.sleep(0.2)
import thrimp_cb

A = 1
