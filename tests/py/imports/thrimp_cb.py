# Helper for thread_imports.py: imports thrimp_ca while another thread
# imports thrimp_ca, which imports this module.
import time

import thrimp_counter

thrimp_counter.runs.append("cb")
time.sleep(0.2)
import thrimp_ca

B = 2
