/*
 * LD_PRELOAD library of the engine benchmark's fsync ratio (FsyncRatio.cs): fsync and fdatasync return at once
 * without flushing, so a run under it shows what the same code does when durability costs nothing. Only the
 * benchmark loads it, into a child process of its own; the host has no setting that reaches it.
 *
 * On load it sets SKEIN_BENCH_NO_FSYNC=loaded, which the child checks, so a run that claims to be without fsync is.
 */
#define _GNU_SOURCE
#include <stdlib.h>

__attribute__((constructor)) static void announce(void) { setenv("SKEIN_BENCH_NO_FSYNC", "loaded", 1); }

int fsync(int fd) { (void)fd; return 0; }

int fdatasync(int fd) { (void)fd; return 0; }
