/* SPDX-License-Identifier: MIT */
/* gc.c - tri-colour mark and sweep garbage collector. */
#include "vm.h"

#include <stdlib.h>

#define GC_MIN_HEAP (1u << 20)

void gc_mark_obj(VM *vm, Obj *o)
{
    if (o == NULL || o->marked)
        return;
    o->marked = true;
    if (o->type == OBJ_STRING || o->type == OBJ_NATIVE)
        return; /* no children */
    if (vm->ngray == vm->graycap) {
        vm->graycap = vm->graycap < 64 ? 64 : vm->graycap * 2;
        Obj **g = realloc(vm->gray, vm->graycap * sizeof(Obj *));
        if (!g) {
            fputs("interp: out of memory\n", stderr);
            exit(71);
        }
        vm->gray = g;
    }
    vm->gray[vm->ngray++] = o;
}

void gc_mark_value(VM *vm, Value v)
{
    if (IS_OBJ(v))
        gc_mark_obj(vm, v.as.o);
}

static void mark_table(VM *vm, Table *t)
{
    for (size_t i = 0; i < t->cap; i++) {
        Entry *e = &t->entries[i];
        if (e->key.type == VAL_NIL)
            continue;
        gc_mark_value(vm, e->key);
        gc_mark_value(vm, e->value);
    }
}

static void blacken(VM *vm, Obj *o)
{
    switch (o->type) {
    case OBJ_ARRAY: {
        ObjArray *a = (ObjArray *)o;
        for (size_t i = 0; i < a->count; i++)
            gc_mark_value(vm, a->items[i]);
        break;
    }
    case OBJ_TABLE:
        mark_table(vm, &((ObjTable *)o)->t);
        break;
    case OBJ_FUNCTION: {
        ObjFunction *fn = (ObjFunction *)o;
        gc_mark_obj(vm, (Obj *)fn->name);
        for (size_t i = 0; i < fn->chunk.nconsts; i++)
            gc_mark_value(vm, fn->chunk.consts[i]);
        break;
    }
    case OBJ_CLOSURE: {
        ObjClosure *c = (ObjClosure *)o;
        gc_mark_obj(vm, (Obj *)c->fn);
        for (int i = 0; i < c->nupvals; i++)
            gc_mark_obj(vm, (Obj *)c->upvals[i]);
        break;
    }
    case OBJ_UPVALUE:
        gc_mark_value(vm, ((ObjUpvalue *)o)->closed);
        break;
    case OBJ_STRING:
    case OBJ_NATIVE:
        break;
    }
}

static void mark_roots(VM *vm)
{
    for (Value *v = vm->stack; v < vm->sp; v++)
        gc_mark_value(vm, *v);
    for (int i = 0; i < vm->nframes; i++)
        gc_mark_obj(vm, (Obj *)vm->frames[i].closure);
    for (ObjUpvalue *u = vm->open_upvals; u; u = u->next)
        gc_mark_obj(vm, (Obj *)u);
    mark_table(vm, &vm->globals);
    for (int i = 0; i < 256; i++)
        gc_mark_obj(vm, (Obj *)vm->chars[i]);
}

static void sweep(VM *vm)
{
    Obj **link = &vm->objects;
    while (*link) {
        Obj *o = *link;
        if (o->marked) {
            o->marked = false;
            link = &o->next;
        } else {
            *link = o->next;
            object_free(vm, o);
        }
    }
}

void gc_collect(VM *vm)
{
    mark_roots(vm);
    while (vm->ngray > 0)
        blacken(vm, vm->gray[--vm->ngray]);
    strset_remove_unmarked(&vm->strings); /* the intern set is weak */
    sweep(vm);
    vm->next_gc = vm->bytes_allocated * 2;
    if (vm->next_gc < GC_MIN_HEAP)
        vm->next_gc = GC_MIN_HEAP;
}

void gc_free_all(VM *vm)
{
    Obj *o = vm->objects;
    while (o) {
        Obj *next = o->next;
        object_free(vm, o);
        o = next;
    }
    vm->objects = NULL;
    free(vm->gray);
    vm->gray = NULL;
    vm->ngray = vm->graycap = 0;
}
