/* SPDX-License-Identifier: MIT */
/* table.c - open addressing hash map with linear probing. */
#include "vm.h"

#include <string.h>

#define MAX_LOAD_NUM 3
#define MAX_LOAD_DEN 4

void table_init(Table *t)
{
    t->used = t->live = t->cap = 0;
    t->entries = NULL;
}

void table_free(VM *vm, Table *t)
{
    vm_realloc(vm, t->entries, t->cap * sizeof(Entry), 0);
    table_init(t);
}

static inline bool keys_equal(Value a, Value b)
{
    if (a.type != b.type)
        return false;
    switch (a.type) {
    case VAL_NUM:
        return a.as.n == b.as.n;
    case VAL_BOOL:
        return a.as.b == b.as.b;
    case VAL_OBJ:
        return a.as.o == b.as.o;
    case VAL_NIL:
        return false;
    }
    return false;
}

/* Returns the slot holding key, or the slot where it should be inserted
 * (the first tombstone on the probe path if any). */
static Entry *find_entry(Entry *entries, size_t cap, Value key)
{
    size_t mask = cap - 1;
    size_t i = hash_value(key) & mask;
    Entry *tomb = NULL;
    for (;;) {
        Entry *e = &entries[i];
        if (e->key.type == VAL_NIL) {
            if (e->value.type == VAL_NIL)
                return tomb ? tomb : e; /* empty */
            if (!tomb)
                tomb = e; /* tombstone */
        } else if (keys_equal(e->key, key)) {
            return e;
        }
        i = (i + 1) & mask;
    }
}

static void grow(VM *vm, Table *t)
{
    size_t cap = t->cap < 8 ? 8 : t->cap;
    while ((t->live + 1) * 2 > cap)
        cap *= 2; /* rehash to at most half full */
    Entry *entries = vm_realloc(vm, NULL, 0, cap * sizeof(Entry));
    for (size_t i = 0; i < cap; i++) {
        entries[i].key = NIL_VAL;
        entries[i].value = NIL_VAL;
    }
    for (size_t i = 0; i < t->cap; i++) {
        Entry *old = &t->entries[i];
        if (old->key.type == VAL_NIL)
            continue;
        Entry *dst = find_entry(entries, cap, old->key);
        *dst = *old;
    }
    vm_realloc(vm, t->entries, t->cap * sizeof(Entry), 0);
    t->entries = entries;
    t->cap = cap;
    t->used = t->live;
}

bool table_get(const Table *t, Value key, Value *out)
{
    if (t->live == 0 || key.type == VAL_NIL)
        return false;
    Entry *e = find_entry(t->entries, t->cap, key);
    if (e->key.type == VAL_NIL)
        return false;
    *out = e->value;
    return true;
}

Value *table_lookup(const Table *t, Value key)
{
    if (t->live == 0 || key.type == VAL_NIL)
        return NULL;
    Entry *e = find_entry(t->entries, t->cap, key);
    return e->key.type == VAL_NIL ? NULL : &e->value;
}

bool table_set(VM *vm, Table *t, Value key, Value value)
{
    if ((t->used + 1) * MAX_LOAD_DEN > t->cap * MAX_LOAD_NUM)
        grow(vm, t);
    Entry *e = find_entry(t->entries, t->cap, key);
    bool is_new = e->key.type == VAL_NIL;
    if (is_new) {
        t->live++;
        if (e->value.type == VAL_NIL)
            t->used++; /* not reusing a tombstone */
    }
    e->key = key;
    e->value = value;
    return is_new;
}

bool table_delete(Table *t, Value key)
{
    if (t->live == 0 || key.type == VAL_NIL)
        return false;
    Entry *e = find_entry(t->entries, t->cap, key);
    if (e->key.type == VAL_NIL)
        return false;
    e->key = NIL_VAL;
    e->value = BOOL_VAL(true);
    t->live--;
    return true;
}

Entry *table_next(const Table *t, size_t *pos)
{
    for (size_t i = *pos; i < t->cap; i++) {
        if (t->entries[i].key.type != VAL_NIL) {
            *pos = i + 1;
            return &t->entries[i];
        }
    }
    *pos = t->cap;
    return NULL;
}
