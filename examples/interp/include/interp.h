/* SPDX-License-Identifier: MIT */
/*
 * interp.h - public API of the "lang" bytecode interpreter.
 *
 * The interpreter compiles a script to bytecode and runs it on a stack VM.
 * One Interp instance owns all memory it allocates; interp_free() releases
 * everything, so embedding programs can run scripts without leaking.
 */
#ifndef INTERP_H
#define INTERP_H

#include <stdbool.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct Interp Interp;

typedef enum { INTERP_OK = 0, INTERP_COMPILE_ERROR = 1, INTERP_RUNTIME_ERROR = 2 } InterpResult;

typedef struct {
    FILE *out;      /* program output (print/write); stdout if NULL */
    FILE *err;      /* diagnostics; stderr if NULL */
    bool gc_stress; /* collect garbage before every allocation (testing) */
    bool dump;      /* print the compiled bytecode instead of running */
} InterpOptions;

/* Creates an interpreter; opts may be NULL for defaults. */
Interp *interp_new(const InterpOptions *opts);

/* Makes the strings available to scripts as the global array `args`. */
void interp_set_args(Interp *in, int argc, const char *const *argv);

/* Compiles and runs source; name is used in diagnostics. */
InterpResult interp_run(Interp *in, const char *source, const char *name);

/* Releases the interpreter and every object it allocated. */
void interp_free(Interp *in);

#ifdef __cplusplus
}
#endif

#endif
