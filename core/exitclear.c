/*
 * core/exitclear.c — at exit, the objects that only modules' globals hold
 * die as they do in CPython 3.11: their __del__ methods run, suspended
 * generators run their finally blocks, what they hold is freed.
 * pvm_finalize (core/pvm_api.c) calls exit_clear_modules() after
 * threading._shutdown() and the atexit callbacks, and it does its work only
 * while no other thread is attached: daemon threads are not stopped in pvm
 * and would see their globals vanish under them (docs/memory.md).
 *
 * CPython drops sys.modules and collects: a module's dict that only its own
 * functions hold is garbage, and every finalizer of that garbage runs with
 * all globals still bound; then it sets the globals of the modules still
 * alive to None, later imports first.  In pvm, modules, their dicts,
 * classes and module-level functions are immortal, so no collection finds a
 * module's globals unreachable.  Instead:
 *
 *  0. Nothing alive has a finalizer (one pass over the collector's
 *     registries, gc_any_tracked): nothing to do; exit leaves memory to the
 *     system.
 *  1. Finalize.  Trial deletion, as the collector does it, over the mortal
 *     containers that the modules' dicts reach (__main__ first, then
 *     sys.modules in order; sys, builtins and lib/_pvm_* left out), with
 *     the module dicts' own references taken out: what something else
 *     references stays, with all it reaches.  The rest dies with the
 *     globals: its weakrefs lose their callbacks (CPython never calls a
 *     garbage weakref's callback) and each finalizer runs once
 *     (GC_FINALIZED, PEP 442), breadth first from each dict, an instance's
 *     attributes at its own depth: the order CPython shows.  No code runs
 *     while the set is marked.
 *  2. Clear.  Each module's dict, later imports first: names with one
 *     leading underscore are set to None, then all the others but
 *     __builtins__.  Finalized objects do not run __del__ again.
 */
#include <stdlib.h>
#include <string.h>

#include "../gc/gc.h"
#include "../modules/weakref.h"
#include "../objects/object.h"
#include "../objects/dict.h"
#include "../objects/gen.h"
#include "../objects/module.h"
#include "../objects/str.h"
#include "../objects/type_internal.h"
#include "../threads/thread.h"
#include "error.h"
#include "runtime.h"

void exit_clear_modules(void);
void exit_mark_finalizing(void);

bool type_gc_finalize(obj_t *o); // objects/type.c

// sys.is_finalizing() is true from here on (lib/_pvm_import.py).
void exit_mark_finalizing(void) {
    obj_t *m = dict_get_str(pvm_rt.modules, "_pvm_import");
    if (m == NULL) {
        err_clear();
        return;
    }
    if (MODULE_CHECK(m) && module_dict(m) != NULL &&
        dict_set_str(module_dict(m), "_finalizing", True) < 0)
        err_clear();
    DECREF(m);
}

typedef struct {
    obj_t **items;
    size_t n, cap;
} vec_t;

static bool vec_push(vec_t *v, obj_t *o) {
    if (v->n == v->cap) {
        size_t cap = v->cap ? v->cap * 2 : 64;
        obj_t **p = realloc(v->items, cap * sizeof(obj_t *));
        if (p == NULL) return false;
        v->items = p;
        v->cap = cap;
    }
    v->items[v->n++] = o;
    return true;
}

// An object whose death can run code that phase 1 runs early.
static bool has_finalizer(obj_t *o) {
    if (GEN_OR_CORO_CHECK(o)) return true;
    if (!type_has_flag(TYPE(o), TPFLAG_HEAPTYPE)) return false;
    return type_lookup(TYPE(o), ID(__del__)) != NULL;
}

// The objects phase 1 looks at: mortal containers with a collector head
// (what has a __del__ or holds something that has one).  Modules are left
// to phase 2.
static bool eligible(obj_t *o) {
    return !IS_SMALLINT(o) && !obj_is_immortal(o) && TYPE(o)->traverse != NULL && gc_has_head(o) &&
           !MODULE_CHECK(o);
}

// GC_CAND marks the set S found by phase 1 and gc_head_t.refs is its
// count: the cycle collector's scratch, free here since no collection can
// run (one thread, and no Python code runs while they are in use).
static inline bool in_set(obj_t *o) {
    return !IS_SMALLINT(o) &&
           (atomic_load_explicit(&o->ob_gc_bits, memory_order_relaxed) & GC_CAND);
}
static inline void set_bit(obj_t *o, bool on) {
    uint8_t v = atomic_load_explicit(&o->ob_gc_bits, memory_order_relaxed);
    atomic_store_explicit(&o->ob_gc_bits, on ? (v | GC_CAND) : (v & (uint8_t)~GC_CAND),
                          memory_order_relaxed);
}

#define ALIVE INT64_MAX // refs of a member known to be reachable from outside

typedef struct {
    vec_t *stack;
    obj_t *inline_dict; // discover: the __dict__ of the instance traversed
    bool failed;
} walk_t;

// Discovery and the subtraction of internal references in one traversal:
// a member's refs starts at its count and loses one for each reference
// from a module dict or from a member.
static int visit_discover(obj_t *o, void *arg) {
    walk_t *w = arg;
    if (!eligible(o)) return 0;
    if (in_set(o)) {
        gc_head_of(o)->refs--;
        return 0;
    }
    bool inline_dict = o == w->inline_dict;
    // An instance's dict is traversed right here; tagged (bit 0) so that
    // the queue does not traverse it again.
    if (!vec_push(w->stack, inline_dict ? (obj_t *)((uintptr_t)o | 1) : o)) {
        w->failed = true;
        return 1;
    }
    set_bit(o, true);
    gc_head_of(o)->refs = obj_refcount(o) - 1;
    if (inline_dict) {
        // CPython 3.11 keeps an instance's attributes inline: they come
        // right after it, at its own depth.
        w->inline_dict = NULL;
        TYPE(o)->traverse(o, visit_discover, w);
    }
    return 0;
}

static inline obj_t *untag(obj_t *o) {
    return (obj_t *)((uintptr_t)o & ~(uintptr_t)1);
}

static int visit_alive(obj_t *o, void *arg) {
    walk_t *w = arg;
    if (!in_set(o) || gc_head_of(o)->refs == ALIVE) return 0;
    gc_head_of(o)->refs = ALIVE;
    if (!vec_push(w->stack, o)) {
        w->failed = true;
        return 1;
    }
    return 0;
}

// Adds to S (`set`) every eligible object that module dict d reaches and
// that is not in S yet, breadth first (the order CPython's collector shows
// for such programs): d's values in its order, then what they hold, in
// traverse order...  `set` is the queue.  Borrowed pointers: nothing runs
// that could free them.
static bool discover(obj_t *d, vec_t *set) {
    size_t head = set->n;
    ssize_t pos = 0;
    obj_t *v;
    while (dict_next(d, &pos, NULL, &v)) {
        DECREF(v); // the dict holds it
        if (!eligible(v)) continue;
        if (in_set(v)) {
            gc_head_of(v)->refs--;
            continue;
        }
        if (!vec_push(set, v)) return false;
        set_bit(v, true);
        gc_head_of(v)->refs = obj_refcount(v) - 1;
    }
    for (; head < set->n; head++) {
        obj_t *o = set->items[head];
        if ((uintptr_t)o & 1) continue; // traversed with its instance
        walk_t w = {set, NULL, false};
        if (type_has_flag(TYPE(o), TPFLAG_HEAPTYPE)) w.inline_dict = obj_instance_dict_borrow(o);
        TYPE(o)->traverse(o, visit_discover, &w);
        if (w.failed) return false;
    }
    return true;
}

// What phase 1 acts on: an object with a finalizer or a weakref (by type,
// cached: the set may hold millions of objects of a few types).
static bool worth_keeping(obj_t *o) {
    static const type_t *last;
    static bool last_ans;
    type_t *t = TYPE(o);
    if (t != last) {
        last = t;
        last_ans = has_finalizer(o) || type_is_subtype(t, &weakref_ref_type) ||
                   t == &weakref_proxy_type || t == &weakref_callable_proxy_type;
    }
    return last_ans;
}

// Phase 1 (see the top of the file): trial deletion as the collector
// does it, over S = what the module dicts reach, with the module dicts'
// own references taken out: a member whose count is not all explained by
// module dicts and other members is referenced from elsewhere, and so is
// everything it reaches.  The rest dies with the globals.
static void finalize_owned(vec_t *mods) {
    vec_t set = {0}, stack = {0}, found = {0};
    bool ok = true;
    for (size_t i = 0; ok && i < mods->n; i++)
        ok = discover(module_dict(mods->items[i]), &set);
    if (ok) {
        for (size_t i = 0; ok && i < set.n; i++) {
            obj_t *o = untag(set.items[i]);
            if (gc_head_of(o)->refs == 0 || gc_head_of(o)->refs == ALIVE) continue;
            gc_head_of(o)->refs = ALIVE;
            stack.n = 0;
            walk_t w = {&stack, NULL, false};
            if (!vec_push(&stack, o)) ok = false;
            while (ok && stack.n > 0) {
                obj_t *p = stack.items[--stack.n];
                TYPE(p)->traverse(p, visit_alive, &w);
                if (w.failed) ok = false;
            }
        }
    }
    // Unmark; keep (new references) what dies with the globals and has a
    // finalizer or is a weakref.  Nothing is kept if something failed.
    for (size_t i = 0; i < set.n; i++) {
        obj_t *o = untag(set.items[i]);
        set_bit(o, false);
        bool owned = ok && gc_head_of(o)->refs == 0;
        gc_head_of(o)->refs = 0;
        if (owned && worth_keeping(o) && vec_push(&found, o)) INCREF(o);
    }
    free(set.items);
    free(stack.items);
    obj_t *saved = err_fetch();
    for (size_t i = 0; i < found.n; i++) {
        obj_t *o = found.items[i];
        if (has_finalizer(o) && !type_gc_finalize(o)) gen_gc_finalize(o);
    }
    // Weakrefs that die with the globals call no callback (as CPython's
    // collector: a garbage weakref's callback is never called).
    for (size_t i = 0; i < found.n; i++)
        weakref_drop_callback(found.items[i]);
    for (size_t i = 0; i < found.n; i++)
        DECREF(found.items[i]);
    err_restore(saved);
    free(found.items);
}

// The modules, in phase 1's order (new references): __main__, then the
// rest of sys.modules in its order; sys and builtins are left out.
// *main_at: how many of the others come before __main__ in sys.modules
// (-1: not there).
static void list_modules(vec_t *mods, ssize_t *main_at) {
    obj_t *main_mod = pvm_rt.main_module;
    if (main_mod != NULL && module_dict(main_mod) != NULL) {
        INCREF(main_mod);
        if (!vec_push(mods, main_mod)) DECREF(main_mod);
    }
    ssize_t pos = 0;
    obj_t *m;
    obj_t *name;
    size_t first = mods->n;
    *main_at = -1;
    while (dict_next(pvm_rt.modules, &pos, &name, &m)) {
        if (m == main_mod) *main_at = (ssize_t)(mods->n - first);
        // pvm's own Python helpers (lib/_pvm_*.py: the import protocol,
        // sys.audit, thread-local storage) are part of the VM, as the C
        // code CPython has in their place: left alone.
        bool own = STR_CHECK(name) && strncmp(str_data(name), "_pvm_", 5) == 0;
        DECREF(name);
        if (own || !MODULE_CHECK(m) || m == main_mod || m == pvm_rt.sys || m == pvm_rt.builtins ||
            module_dict(m) == NULL || !vec_push(mods, m))
            DECREF(m);
    }
}

// Sets the names of dict d to None: with one leading underscore when
// `underscored`, else every name but __builtins__.
static void clear_names(obj_t *d, bool underscored) {
    obj_t **items;
    size_t nk;
    obj_t *saved = err_fetch();
    if (dict_items_flat(d, &items, &nk) < 0) {
        err_clear();
        err_restore(saved);
        return;
    }
    for (size_t i = 0; i < nk; i++) {
        obj_t *k = items[2 * i];
        if (STR_CHECK(k)) {
            const char *s = str_data(k);
            bool under = s[0] == '_' && s[1] != '_';
            bool pick = underscored ? under : (!under && strcmp(s, "__builtins__") != 0);
            if (pick && items[2 * i + 1] != None) {
                if (dict_set(d, k, None) < 0) err_clear();
                // Dies here (if that was its last reference), while the
                // names after it are still bound.
                CLEAR(items[2 * i + 1]);
            }
        }
    }
    for (size_t i = 0; i < 2 * nk; i++)
        XDECREF(items[i]);
    free(items);
    err_restore(saved);
}

static void clear_module(obj_t *m) {
    obj_t *d = m ? module_dict(m) : NULL;
    if (d == NULL) return;
    clear_names(d, true);
    clear_names(d, false);
}

// What makes clearing observable: an object whose death runs code (a
// __del__ not run yet, a suspended generator's finally blocks, a
// coroutine's never-awaited warning, an async generator's finalizer).
// Weakref callbacks are left out: the weakrefs that module globals hold die
// with them, and CPython calls no callback of a weakref that is garbage;
// the standard library's own (WeakSet, logging's handler list, threading's
// _dangling) would otherwise make every program take the walk.
static const type_t *acts_cache_type;
static bool acts_cache;
static bool acts_at_death(obj_t *o) {
    if (GEN_CHECK(o))
        return atomic_load_explicit(&((gen_t *)o)->state, memory_order_relaxed) == GEN_SUSPENDED;
    if (CORO_CHECK(o) || ASYNCGEN_CHECK(o)) return true;
    if (TYPE(o) != acts_cache_type) {
        acts_cache_type = TYPE(o);
        acts_cache = has_finalizer(o);
    }
    return acts_cache &&
           !(atomic_load_explicit(&o->ob_gc_bits, memory_order_relaxed) & GC_FINALIZED);
}

void exit_clear_modules(void) {
    if (atomic_load(&pvm_attached_threads) != 1 || pvm_rt.modules == NULL) return;
    // Nothing alive has a __del__ or pending finally blocks: clearing
    // would only free memory, which exit leaves to the system.  One pass
    // over the collector's registries instead of a walk of everything the
    // modules hold.
    if (!gc_any_tracked(acts_at_death)) return;
    vec_t mods = {0};
    ssize_t main_at;
    list_modules(&mods, &main_at);
    finalize_owned(&mods);
    // Phase 2: later imports first; __main__ at its place in sys.modules
    // (at the end when it is not there).
    obj_t *main_mod = pvm_rt.main_module;
    size_t start = (mods.n > 0 && mods.items[0] == main_mod) ? 1 : 0;
    bool main_done = false;
    for (size_t i = mods.n; i-- > start;) {
        // A finalizer that started a thread: stop clearing under it.
        if (atomic_load(&pvm_attached_threads) != 1) {
            main_done = true;
            break;
        }
        if (!main_done && main_at >= 0 && (ssize_t)(i - start) < main_at) {
            clear_module(main_mod);
            main_done = true;
        }
        clear_module(mods.items[i]);
    }
    if (!main_done) clear_module(main_mod);
    for (size_t i = 0; i < mods.n; i++)
        DECREF(mods.items[i]);
    free(mods.items);
}
