// Counts the process's heap allocations by defining glibc's allocation entry points in the test executable.
//
// An executable's own definitions of malloc and friends take precedence over libc's for every shared library
// (ELF symbol interposition), so libswiftCore's allocations land here too. Each one forwards to glibc's
// exported `__libc_*` implementation, which is what glibc's own `malloc` is, so blocks are still released by
// glibc's `free` and behaviour is unchanged apart from one relaxed atomic increment per call. glibc 2.34
// removed `__malloc_hook`, and `mallinfo2` only sees bytes still in use, not an allocation freed within the
// step that made it; counting calls sees both.
#include "CAllocationCounter.h"

#if defined(__linux__) && defined(__GLIBC__)

#include <errno.h>
#include <stddef.h>

extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t count, size_t size);
extern void *__libc_realloc(void *pointer, size_t size);
extern void *__libc_memalign(size_t alignment, size_t size);

static uint64_t count;
// Static TLS (initial-exec: this object is linked into the executable), so no `__tls_get_addr` inside malloc.
static _Thread_local uint64_t thread_count __attribute__((tls_model("initial-exec")));

static inline void counted(void) {
    __atomic_fetch_add(&count, 1, __ATOMIC_RELAXED);
    thread_count += 1;
}

uint64_t allocation_count(void) { return __atomic_load_n(&count, __ATOMIC_RELAXED); }

uint64_t thread_allocation_count(void) { return thread_count; }

void *malloc(size_t size) {
    counted();
    return __libc_malloc(size);
}

void *calloc(size_t count, size_t size) {
    counted();
    return __libc_calloc(count, size);
}

void *realloc(void *pointer, size_t size) {
    counted();
    return __libc_realloc(pointer, size);
}

void *memalign(size_t alignment, size_t size) {
    counted();
    return __libc_memalign(alignment, size);
}

void *aligned_alloc(size_t alignment, size_t size) {
    counted();
    return __libc_memalign(alignment, size);
}

int posix_memalign(void **result, size_t alignment, size_t size) {
    // posix_memalign's own checks: a power of two that is a multiple of sizeof(void *).
    if (alignment % sizeof(void *) != 0 || (alignment & (alignment - 1)) != 0) return EINVAL;
    counted();
    void *pointer = __libc_memalign(alignment, size);
    if (pointer == NULL && size != 0) return ENOMEM;
    *result = pointer;
    return 0;
}

#else
// Elsewhere (macOS's two-level namespace) definitions here would not interpose: nothing is counted.
uint64_t allocation_count(void) { return 0; }
uint64_t thread_allocation_count(void) { return 0; }
#endif
