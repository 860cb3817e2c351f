# multiprocessing with the fork start method: Lock, Semaphore, Event and
# Queue across processes, a Manager, ProcessPoolExecutor (the programs are
# in _mp_programs.py).
import _mp_programs

if __name__ == "__main__":
    _mp_programs.run_sync_manager_executor("fork")
