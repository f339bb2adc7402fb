/* SPDX-License-Identifier: MIT */
/* vm.h - interpreter state shared by the VM, the GC and the builtins. */
#ifndef INTERP_VM_H
#define INTERP_VM_H

#include "chunk.h"
#include "interp.h"
#include "value.h"

#define FRAMES_MAX 8000
#define STACK_SLOTS (1u << 18)
#define STACK_SLACK 16 /* room for builtins pushing temporary roots */

typedef struct {
    ObjClosure *closure;
    uint8_t *ip;
    Value *slots;
} CallFrame;

/* Weak set of interned strings. */
typedef struct {
    ObjString **items;
    size_t used, cap;
} StrSet;

struct Interp {
    Value *stack, *sp, *stack_end;
    CallFrame *frames;
    int nframes;

    Table globals;
    StrSet strings;
    ObjString *chars[256]; /* one-character strings, preallocated */
    ObjUpvalue *open_upvals;
    const char *script_name;

    /* garbage collector */
    Obj *objects;
    size_t bytes_allocated, next_gc;
    bool gc_enabled, gc_stress;
    Obj **gray;
    size_t ngray, graycap;

    Buf scratch;
    FILE *out, *err;
    bool dump;
};

/* Reports a runtime error with a stack trace; always returns false. */
bool vm_error(VM *vm, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Converts key to an index below len; false if it is not a valid index. */
bool value_to_index(Value key, size_t len, size_t *out);
/* Reports why value_to_index() rejected key; always returns false. */
bool vm_index_error(VM *vm, Value key, size_t len, const char *what);

static inline void vm_push(VM *vm, Value v)
{
    *vm->sp++ = v;
}
static inline Value vm_pop(VM *vm)
{
    return *--vm->sp;
}

/* object.c: string interning */
void strset_free(StrSet *s);
void strset_remove_unmarked(StrSet *s);

/* gc.c */
void gc_collect(VM *vm);
void gc_mark_value(VM *vm, Value v);
void gc_mark_obj(VM *vm, Obj *o);
void gc_free_all(VM *vm);

/* builtins.c */
void builtins_register(VM *vm);

#endif
