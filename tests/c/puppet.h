/*
 * tests/c/puppet.h — a second, attached VM thread that a test drives step
 * by step: puppet_do(p, fn, arg) runs fn(arg) on the puppet thread and
 * returns when it has finished, so a test can interleave two threads'
 * operations in an exact order.
 */
#ifndef PVM_TEST_PUPPET_H
#define PVM_TEST_PUPPET_H

#include <pthread.h>
#include <semaphore.h>
#include <stdbool.h>

#include "threads/thread.h"

typedef struct {
    pthread_t thread;
    sem_t go, done;
    void (*fn)(void *);
    void *arg;
    bool quit;
    bool detach_on_quit;
} puppet_t;

static void *puppet_main(void *p_) {
    puppet_t *p = p_;
    thread_attach();
    for (;;) {
        // Waiting for the next step is a blocking region: offline for QSBR,
        // so grace periods other threads wait for are not held up.
        thread_block_begin();
        sem_wait(&p->go);
        thread_block_end();
        if (p->quit) break;
        p->fn(p->arg);
        sem_post(&p->done);
    }
    if (p->detach_on_quit) thread_detach();
    sem_post(&p->done);
    return NULL;
}

static inline void puppet_start(puppet_t *p) {
    sem_init(&p->go, 0, 0);
    sem_init(&p->done, 0, 0);
    p->quit = false;
    p->detach_on_quit = true;
    pthread_create(&p->thread, NULL, puppet_main, p);
}

static inline void puppet_do(puppet_t *p, void (*fn)(void *), void *arg) {
    p->fn = fn;
    p->arg = arg;
    sem_post(&p->go);
    sem_wait(&p->done);
}

// Ends the puppet thread (detaching it from the VM first).
static inline void puppet_stop(puppet_t *p) {
    p->quit = true;
    sem_post(&p->go);
    sem_wait(&p->done);
    pthread_join(p->thread, NULL);
    sem_destroy(&p->go);
    sem_destroy(&p->done);
}

#endif // PVM_TEST_PUPPET_H
