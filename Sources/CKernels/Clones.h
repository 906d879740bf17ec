// What every kernel file of CKernels shares: each function marked RUNNER_CLONES is compiled three times
// (AVX-512, AVX2, baseline x86-64) and the loader picks the CPU's widest (`target_clones`, as OpenBLAS
// chooses its kernels); no multiply-add is fused, so every clone computes the same bits.
#ifndef RUNNER_CKERNELS_CLONES_H
#define RUNNER_CKERNELS_CLONES_H

#pragma STDC FP_CONTRACT OFF

#if defined(__x86_64__) && defined(__clang__)
#define RUNNER_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define RUNNER_CLONES
#endif

#endif
