#ifndef FUZZ_DRIVER_H
#define FUZZ_DRIVER_H
#include <stddef.h>
#include <stdint.h>

/// libFuzzer's driver (in the runtime that -sanitize=fuzzer links). SwiftPM links executables with
/// `--defsym main=<Module>_main`, which replaces libFuzzer's own main, so each target's main.swift
/// calls the driver itself. See Fuzz/Package.swift.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*UserCb)(const uint8_t *Data, size_t Size));

#endif
