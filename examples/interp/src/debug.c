/* SPDX-License-Identifier: MIT */
/* debug.c - bytecode disassembler (interp --dump). */
#include "chunk.h"

static const char *const op_names[] = {
#define X(name, n) #name,
    OPCODES(X)
#undef X
};

static const int op_operands[] = {
#define X(name, n) n,
    OPCODES(X)
#undef X
};

static void print_const(FILE *out, Value v)
{
    Buf b = {0};
    value_format(&b, v, true);
    fputs(b.data ? b.data : "", out);
    buf_free(&b);
}

static size_t disasm_instruction(FILE *out, const Chunk *c, size_t at)
{
    uint8_t op = c->code[at];
    fprintf(out, "%5zu %4d  ", at, c->lines[at]);
    if (op >= OP__COUNT) {
        fprintf(out, "?? %d\n", op);
        return at + 1;
    }
    fprintf(out, "%-14s", op_names[op]);
    const uint8_t *p = &c->code[at + 1];
    size_t next = at + 1 + (size_t)op_operands[op];
    switch ((OpCode)op) {
    case OP_CONST:
    case OP_GET_GLOBAL:
    case OP_SET_GLOBAL:
    case OP_DEF_GLOBAL:
    case OP_GET_FIELD:
    case OP_SET_FIELD:
    case OP_ADDK:
    case OP_SUBK: {
        int k = (p[0] << 8) | p[1];
        fprintf(out, "%5d  ", k);
        print_const(out, c->consts[k]);
        break;
    }
    case OP_GET_LOCAL:
    case OP_SET_LOCAL:
    case OP_GET_UPVAL:
    case OP_SET_UPVAL:
    case OP_CALL:
        fprintf(out, "%5d", p[0]);
        break;
    case OP_JUMP:
    case OP_JUMP_IF_FALSE:
    case OP_AND:
    case OP_OR:
        fprintf(out, "%5d  -> %zu", (p[0] << 8) | p[1], next + (size_t)((p[0] << 8) | p[1]));
        break;
    case OP_LOOP:
        fprintf(out, "%5d  -> %zu", (p[0] << 8) | p[1], next - (size_t)((p[0] << 8) | p[1]));
        break;
    case OP_ITER:
        fprintf(out, "%5d  exit -> %zu", p[0], next + (size_t)((p[1] << 8) | p[2]));
        break;
    case OP_CLOSURE: {
        int k = (p[0] << 8) | p[1];
        ObjFunction *fn = (ObjFunction *)c->consts[k].as.o;
        fprintf(out, "%5d  <fn %s>", k, fn->name ? fn->name->chars : "?");
        for (int i = 0; i < fn->nupvals; i++) {
            fprintf(out, " %s%d", p[2 + 2 * i] ? "local:" : "up:", p[3 + 2 * i]);
        }
        next += 2 * (size_t)fn->nupvals;
        break;
    }
    default:
        break;
    }
    fputc('\n', out);
    return next;
}

void disasm_function(FILE *out, ObjFunction *fn)
{
    const Chunk *c = &fn->chunk;
    fprintf(out, "== %s (arity %d, upvalues %d, max stack %d) ==\n",
            fn->name ? fn->name->chars : "<script>", fn->arity, fn->nupvals, fn->maxstack);
    for (size_t at = 0; at < c->count;)
        at = disasm_instruction(out, c, at);
    for (size_t i = 0; i < c->nconsts; i++) {
        Value v = c->consts[i];
        if (IS_OBJTYPE(v, OBJ_FUNCTION)) {
            fputc('\n', out);
            disasm_function(out, (ObjFunction *)v.as.o);
        }
    }
}
