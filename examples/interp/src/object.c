/* SPDX-License-Identifier: MIT */
/* object.c - heap object allocation and string interning. */
#include "vm.h"

#include <stdlib.h>
#include <string.h>

void *vm_realloc(VM *vm, void *ptr, size_t old_size, size_t new_size)
{
    vm->bytes_allocated += new_size;
    vm->bytes_allocated -= old_size;
    if (new_size == 0) {
        free(ptr);
        return NULL;
    }
    void *p = realloc(ptr, new_size);
    if (!p) {
        fputs("interp: out of memory\n", stderr);
        exit(71);
    }
    return p;
}

/* The only place a collection can start: callers must keep every live
 * object reachable from a root (usually the VM stack) across this call. */
static Obj *alloc_obj(VM *vm, size_t size, ObjType type)
{
    if (vm->gc_enabled && (vm->gc_stress || vm->bytes_allocated > vm->next_gc))
        gc_collect(vm);
    Obj *o = vm_realloc(vm, NULL, 0, size);
    o->type = type;
    o->marked = false;
    o->next = vm->objects;
    vm->objects = o;
    return o;
}

/* ---- interned strings ------------------------------------------------- */

static ObjString tombstone_str;
#define TOMBSTONE (&tombstone_str)

static ObjString *strset_find(const StrSet *s, const char *chars, size_t len, uint32_t hash)
{
    if (s->cap == 0)
        return NULL;
    size_t mask = s->cap - 1;
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
        ObjString *e = s->items[i];
        if (e == NULL)
            return NULL;
        if (e != TOMBSTONE && e->hash == hash && e->len == len && memcmp(e->chars, chars, len) == 0)
            return e;
    }
}

static void strset_insert_raw(ObjString **items, size_t cap, ObjString *str)
{
    size_t mask = cap - 1;
    size_t i = str->hash & mask;
    while (items[i] != NULL && items[i] != TOMBSTONE)
        i = (i + 1) & mask;
    items[i] = str;
}

static void strset_add(StrSet *s, ObjString *str)
{
    if ((s->used + 1) * 4 > s->cap * 3) {
        size_t live = 0;
        for (size_t i = 0; i < s->cap; i++)
            if (s->items[i] && s->items[i] != TOMBSTONE)
                live++;
        size_t cap = s->cap ? s->cap : 256;
        while ((live + 1) * 2 > cap)
            cap *= 2;
        ObjString **items = calloc(cap, sizeof *items);
        if (!items) {
            fputs("interp: out of memory\n", stderr);
            exit(71);
        }
        for (size_t i = 0; i < s->cap; i++)
            if (s->items[i] && s->items[i] != TOMBSTONE)
                strset_insert_raw(items, cap, s->items[i]);
        free(s->items);
        s->items = items;
        s->cap = cap;
        s->used = live;
    }
    size_t mask = s->cap - 1;
    size_t i = str->hash & mask;
    while (s->items[i] != NULL && s->items[i] != TOMBSTONE)
        i = (i + 1) & mask;
    if (s->items[i] == NULL)
        s->used++;
    s->items[i] = str;
}

void strset_remove_unmarked(StrSet *s)
{
    for (size_t i = 0; i < s->cap; i++) {
        ObjString *e = s->items[i];
        if (e && e != TOMBSTONE && !e->obj.marked)
            s->items[i] = TOMBSTONE;
    }
}

void strset_free(StrSet *s)
{
    free(s->items);
    s->items = NULL;
    s->used = s->cap = 0;
}

ObjString *str_copy(VM *vm, const char *chars, size_t len)
{
    uint32_t hash = hash_bytes(chars, len);
    ObjString *s = strset_find(&vm->strings, chars, len, hash);
    if (s)
        return s;
    s = (ObjString *)alloc_obj(vm, sizeof(ObjString) + len + 1, OBJ_STRING);
    s->hash = hash;
    s->len = len;
    memcpy(s->chars, chars, len);
    s->chars[len] = '\0';
    strset_add(&vm->strings, s);
    return s;
}

ObjString *str_cstr(VM *vm, const char *chars)
{
    return str_copy(vm, chars, strlen(chars));
}

/* ---- containers ------------------------------------------------------- */

ObjArray *array_new(VM *vm, size_t cap)
{
    ObjArray *a = (ObjArray *)alloc_obj(vm, sizeof(ObjArray), OBJ_ARRAY);
    a->items = NULL;
    a->count = a->cap = 0;
    if (cap) {
        a->items = vm_realloc(vm, NULL, 0, cap * sizeof(Value));
        a->cap = cap;
    }
    return a;
}

void array_push(VM *vm, ObjArray *a, Value v)
{
    if (a->count == a->cap) {
        size_t cap = a->cap < 8 ? 8 : a->cap * 2;
        a->items = vm_realloc(vm, a->items, a->cap * sizeof(Value), cap * sizeof(Value));
        a->cap = cap;
    }
    a->items[a->count++] = v;
}

ObjTable *table_new(VM *vm)
{
    ObjTable *t = (ObjTable *)alloc_obj(vm, sizeof(ObjTable), OBJ_TABLE);
    table_init(&t->t);
    return t;
}

/* ---- functions -------------------------------------------------------- */

ObjFunction *function_new(VM *vm)
{
    ObjFunction *fn = (ObjFunction *)alloc_obj(vm, sizeof(ObjFunction), OBJ_FUNCTION);
    fn->arity = 0;
    fn->nupvals = 0;
    fn->maxstack = 0;
    fn->name = NULL;
    memset(&fn->chunk, 0, sizeof fn->chunk);
    return fn;
}

ObjClosure *closure_new(VM *vm, ObjFunction *fn)
{
    size_t size = sizeof(ObjClosure) + (size_t)fn->nupvals * sizeof(ObjUpvalue *);
    ObjClosure *c = (ObjClosure *)alloc_obj(vm, size, OBJ_CLOSURE);
    c->fn = fn;
    c->nupvals = fn->nupvals;
    for (int i = 0; i < fn->nupvals; i++)
        c->upvals[i] = NULL;
    return c;
}

ObjUpvalue *upvalue_new(VM *vm, Value *slot)
{
    ObjUpvalue *u = (ObjUpvalue *)alloc_obj(vm, sizeof(ObjUpvalue), OBJ_UPVALUE);
    u->loc = slot;
    u->closed = NIL_VAL;
    u->next = NULL;
    return u;
}

ObjNative *native_new(VM *vm, NativeFn fn, const char *name, int min_args, int max_args)
{
    ObjNative *n = (ObjNative *)alloc_obj(vm, sizeof(ObjNative), OBJ_NATIVE);
    n->fn = fn;
    n->name = name;
    n->min_args = min_args;
    n->max_args = max_args;
    return n;
}

void object_free(VM *vm, Obj *o)
{
    switch (o->type) {
    case OBJ_STRING: {
        ObjString *s = (ObjString *)o;
        vm_realloc(vm, s, sizeof(ObjString) + s->len + 1, 0);
        break;
    }
    case OBJ_ARRAY: {
        ObjArray *a = (ObjArray *)o;
        vm_realloc(vm, a->items, a->cap * sizeof(Value), 0);
        vm_realloc(vm, a, sizeof(ObjArray), 0);
        break;
    }
    case OBJ_TABLE: {
        ObjTable *t = (ObjTable *)o;
        table_free(vm, &t->t);
        vm_realloc(vm, t, sizeof(ObjTable), 0);
        break;
    }
    case OBJ_FUNCTION: {
        ObjFunction *fn = (ObjFunction *)o;
        Chunk *c = &fn->chunk;
        vm_realloc(vm, c->code, c->cap, 0);
        vm_realloc(vm, c->lines, c->cap * sizeof(int), 0);
        vm_realloc(vm, c->consts, c->constcap * sizeof(Value), 0);
        vm_realloc(vm, fn, sizeof(ObjFunction), 0);
        break;
    }
    case OBJ_CLOSURE: {
        ObjClosure *c = (ObjClosure *)o;
        vm_realloc(vm, c, sizeof(ObjClosure) + (size_t)c->nupvals * sizeof(ObjUpvalue *), 0);
        break;
    }
    case OBJ_UPVALUE:
        vm_realloc(vm, o, sizeof(ObjUpvalue), 0);
        break;
    case OBJ_NATIVE:
        vm_realloc(vm, o, sizeof(ObjNative), 0);
        break;
    }
}
