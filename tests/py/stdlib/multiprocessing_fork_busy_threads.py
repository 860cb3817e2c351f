# fork() while another thread keeps a ThreadPoolExecutor's queue busy
# (test_concurrent_futures' test_hang_global_shutdown_lock): each forked
# worker process must exit.  With the pure-Python SimpleQueue the child
# could inherit its Condition's lock held by the busy thread, and hang in
# the thread pool's exit hook.
from concurrent import futures
import multiprocessing as mp


def submit(pool):
    pool.submit(submit, pool)


if __name__ == "__main__":
    with futures.ThreadPoolExecutor(1) as pool:
        pool.submit(submit, pool)
        for _ in range(15):
            with futures.ProcessPoolExecutor(1, mp_context=mp.get_context("fork")) as workers:
                workers.submit(tuple)
    print("ok")
