/* SPDX-License-Identifier: MIT */
/* compiler.h - syntax tree to bytecode. */
#ifndef INTERP_COMPILER_H
#define INTERP_COMPILER_H

#include "ast.h"
#include "value.h"

/* Compiles a parsed program into the function for the top-level script.
 * Prints a diagnostic and returns NULL on error.  Must run with the garbage
 * collector disabled: the functions under construction are not yet rooted. */
ObjFunction *compile(VM *vm, Node *program, const char *name, Arena *arena);

#endif
