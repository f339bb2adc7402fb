/* SPDX-License-Identifier: MIT */
/*
 * chunk.h - bytecode instruction set.
 *
 * Operands follow the opcode byte; 16-bit operands are big endian.  The
 * second column of OPCODES gives the number of operand bytes (CLOSURE is
 * additionally followed by two bytes per captured variable).
 */
#ifndef INTERP_CHUNK_H
#define INTERP_CHUNK_H

#include "value.h"

#define OPCODES(X)                                                                                 \
    X(CONST, 2)       /* push constant                                    */                       \
    X(NIL, 0)         /* push nil                                         */                       \
    X(TRUE, 0)        /* push true                                        */                       \
    X(FALSE, 0)       /* push false                                       */                       \
    X(POP, 0)         /* drop top                                         */                       \
    X(DUP, 0)         /* a -> a a                                         */                       \
    X(DUP2, 0)        /* a b -> a b a b                                   */                       \
    X(GET_LOCAL, 1)   /* push slot                                        */                       \
    X(SET_LOCAL, 1)   /* store top into slot, keep it                     */                       \
    X(GET_GLOBAL, 2)  /* push global named by constant                    */                       \
    X(SET_GLOBAL, 2)  /* assign existing global, keep value               */                       \
    X(DEF_GLOBAL, 2)  /* define global, pop value                         */                       \
    X(GET_UPVAL, 1)   /* push captured variable                           */                       \
    X(SET_UPVAL, 1)   /* assign captured variable, keep value             */                       \
    X(CLOSE_UPVAL, 0) /* hoist top local to the heap, pop                 */                       \
    X(GET_INDEX, 0)   /* obj key -> value                                 */                       \
    X(SET_INDEX, 0)   /* obj key value -> value                           */                       \
    X(GET_FIELD, 2)   /* obj -> obj[const]                                */                       \
    X(SET_FIELD, 2)   /* obj value -> value                               */                       \
    X(ADD, 0)                                                                                      \
    X(SUB, 0)                                                                                      \
    X(MUL, 0)                                                                                      \
    X(DIV, 0)                                                                                      \
    X(MOD, 0)                                                                                      \
    X(ADDK, 2) /* a -> a + const                                   */                              \
    X(SUBK, 2) /* a -> a - const                                   */                              \
    X(NEG, 0)                                                                                      \
    X(NOT, 0)                                                                                      \
    X(EQ, 0)                                                                                       \
    X(NE, 0)                                                                                       \
    X(LT, 0)                                                                                       \
    X(LE, 0)                                                                                       \
    X(GT, 0)                                                                                       \
    X(GE, 0)                                                                                       \
    X(JUMP, 2)          /* forward jump                                     */                     \
    X(JUMP_IF_FALSE, 2) /* pop, jump if falsy                             */                       \
    X(AND, 2)           /* falsy: jump keeping value; else pop              */                     \
    X(OR, 2)            /* truthy: jump keeping value; else pop             */                     \
    X(LOOP, 2)          /* backward jump                                    */                     \
    X(CALL, 1)          /* fn args... -> result                             */                     \
    X(RETURN, 0)                                                                                   \
    X(CLOSURE, 2)   /* push closure over function constant              */                         \
    X(ARRAY, 0)     /* push empty array                                 */                         \
    X(APPEND, 0)    /* array v -> array                                 */                         \
    X(TABLE, 0)     /* push empty table                                 */                         \
    X(TABLE_SET, 0) /* table k v -> table                               */                         \
    X(ITER, 3)      /* slot, exit offset: advance a for-in loop         */

#define X(name, n) OP_##name,
typedef enum { OPCODES(X) OP__COUNT } OpCode;
#undef X

/* debug.c */
void disasm_function(FILE *out, ObjFunction *fn);

#endif
