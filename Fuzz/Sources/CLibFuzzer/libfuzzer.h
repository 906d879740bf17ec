// libFuzzer's documented driver entry point (https://llvm.org/docs/LibFuzzer.html#using-libfuzzer-as-a-library).
// The fuzzer calls it from its own main because SwiftPM gives every executable a main of its own.
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*UserCb)(const uint8_t *Data, size_t Size));
