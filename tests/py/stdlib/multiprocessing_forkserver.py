# multiprocessing with the forkserver start method: Pool, Process, Queue, Pipe
# (the programs are in _mp_programs.py).
import _mp_programs

if __name__ == "__main__":
    _mp_programs.run_pool_process("forkserver")
