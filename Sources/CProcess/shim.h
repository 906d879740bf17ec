#include <signal.h>
#include <sys/prctl.h>

// prctl(2) is variadic, which Swift cannot call: one wrapper with fixed arguments for the one use.
static inline int runner_set_parent_death_signal(int signal) {
    return prctl(PR_SET_PDEATHSIG, (unsigned long)signal, 0UL, 0UL, 0UL);
}
