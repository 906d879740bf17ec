#ifndef C_ALLOCATION_COUNTER_H
#define C_ALLOCATION_COUNTER_H

#include <stdint.h>

/// Heap allocations made so far by any thread of this process: every call of malloc, calloc, realloc,
/// posix_memalign, aligned_alloc and memalign (Swift's runtime allocates through these).
uint64_t allocation_count(void);

/// The same count for the calling thread alone: exact, since no other thread can add to it.
uint64_t thread_allocation_count(void);

#endif
