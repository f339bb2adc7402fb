/* SPDX-License-Identifier: MIT */
/*
 * value.h - values, heap objects and hash tables.
 *
 * A Value is a small tagged union.  Numbers, booleans and nil are stored
 * inline; everything else lives on the garbage-collected heap as an Obj.
 */
#ifndef INTERP_VALUE_H
#define INTERP_VALUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef struct Interp VM;
typedef struct Obj Obj;

typedef enum { VAL_NIL, VAL_BOOL, VAL_NUM, VAL_OBJ } ValueType;

typedef struct {
    ValueType type;
    union {
        bool b;
        double n;
        Obj *o;
    } as;
} Value;

typedef enum {
    OBJ_STRING,
    OBJ_ARRAY,
    OBJ_TABLE,
    OBJ_FUNCTION,
    OBJ_CLOSURE,
    OBJ_UPVALUE,
    OBJ_NATIVE
} ObjType;

struct Obj {
    ObjType type;
    bool marked;
    Obj *next; /* all objects form a list for the sweep phase */
};

typedef struct {
    Obj obj;
    uint32_t hash;
    size_t len;
    char chars[]; /* NUL terminated */
} ObjString;

typedef struct {
    Obj obj;
    Value *items;
    size_t count, cap;
} ObjArray;

/* Open-addressing hash map from Value to Value.  An empty slot has a nil
 * key and nil value; a deleted slot (tombstone) has a nil key and a true
 * value. */
typedef struct {
    Value key;
    Value value;
} Entry;

typedef struct {
    size_t used; /* live entries + tombstones */
    size_t live; /* live entries */
    size_t cap;  /* power of two, or 0 */
    Entry *entries;
} Table;

typedef struct {
    Obj obj;
    Table t;
} ObjTable;

typedef struct {
    uint8_t *code;
    int *lines;
    size_t count, cap;
    Value *consts;
    size_t nconsts, constcap;
} Chunk;

typedef struct {
    Obj obj;
    int arity;
    int nupvals;
    int maxstack; /* stack slots needed by one activation */
    Chunk chunk;
    ObjString *name; /* NULL for the top-level script */
} ObjFunction;

typedef struct ObjUpvalue {
    Obj obj;
    Value *loc; /* points into the stack while open, at `closed` after */
    Value closed;
    struct ObjUpvalue *next; /* list of open upvalues, sorted by loc */
} ObjUpvalue;

typedef struct {
    Obj obj;
    ObjFunction *fn;
    int nupvals;
    ObjUpvalue *upvals[];
} ObjClosure;

/* Builtins get their arguments in args[0..argc-1] and store the result in
 * *out.  They return false after reporting an error with vm_error(). */
typedef bool (*NativeFn)(VM *vm, int argc, Value *args, Value *out);

typedef struct {
    Obj obj;
    NativeFn fn;
    const char *name;
    int min_args, max_args; /* max_args < 0: variadic */
} ObjNative;

#define NIL_VAL ((Value){VAL_NIL, {.n = 0}})
#define BOOL_VAL(x) ((Value){VAL_BOOL, {.b = (x)}})
#define NUM_VAL(x) ((Value){VAL_NUM, {.n = (x)}})
#define OBJ_VAL(x) ((Value){VAL_OBJ, {.o = (Obj *)(x)}})

#define IS_NIL(v) ((v).type == VAL_NIL)
#define IS_BOOL(v) ((v).type == VAL_BOOL)
#define IS_NUM(v) ((v).type == VAL_NUM)
#define IS_OBJ(v) ((v).type == VAL_OBJ)
#define IS_OBJTYPE(v, t) ((v).type == VAL_OBJ && (v).as.o->type == (t))
#define IS_STRING(v) IS_OBJTYPE(v, OBJ_STRING)
#define IS_ARRAY(v) IS_OBJTYPE(v, OBJ_ARRAY)
#define IS_TABLE(v) IS_OBJTYPE(v, OBJ_TABLE)
#define IS_CLOSURE(v) IS_OBJTYPE(v, OBJ_CLOSURE)
#define IS_NATIVE(v) IS_OBJTYPE(v, OBJ_NATIVE)

#define AS_STRING(v) ((ObjString *)(v).as.o)
#define AS_ARRAY(v) ((ObjArray *)(v).as.o)
#define AS_TABLE(v) ((ObjTable *)(v).as.o)
#define AS_FUNCTION(v) ((ObjFunction *)(v).as.o)
#define AS_CLOSURE(v) ((ObjClosure *)(v).as.o)
#define AS_NATIVE(v) ((ObjNative *)(v).as.o)

static inline bool is_falsy(Value v)
{
    return v.type == VAL_NIL || (v.type == VAL_BOOL && !v.as.b);
}

/* Growable byte buffer (plain malloc, not tracked by the GC). */
typedef struct {
    char *data;
    size_t len, cap;
} Buf;

void buf_put(Buf *b, const char *s, size_t n);
void buf_putc(Buf *b, char c);
void buf_puts(Buf *b, const char *s);
void buf_free(Buf *b);

/* value.c */
const char *value_type_name(Value v);
bool values_equal(Value a, Value b);
uint32_t hash_bytes(const char *s, size_t n);
uint32_t hash_value(Value v);
int format_number(char *out, size_t size, double n);
/* Appends a printable form of v; strings are quoted when `quote` is set
 * (used for elements nested inside arrays and tables). */
void value_format(Buf *b, Value v, bool quote);

/* object.c */
void *vm_realloc(VM *vm, void *ptr, size_t old_size, size_t new_size);
ObjString *str_copy(VM *vm, const char *chars, size_t len);
ObjString *str_cstr(VM *vm, const char *chars);
ObjArray *array_new(VM *vm, size_t cap);
void array_push(VM *vm, ObjArray *a, Value v);
ObjTable *table_new(VM *vm);
ObjFunction *function_new(VM *vm);
ObjClosure *closure_new(VM *vm, ObjFunction *fn);
ObjUpvalue *upvalue_new(VM *vm, Value *slot);
ObjNative *native_new(VM *vm, NativeFn fn, const char *name, int min_args, int max_args);
void object_free(VM *vm, Obj *o);

/* table.c */
void table_init(Table *t);
void table_free(VM *vm, Table *t);
bool table_get(const Table *t, Value key, Value *out);
Value *table_lookup(const Table *t, Value key);           /* NULL if absent */
bool table_set(VM *vm, Table *t, Value key, Value value); /* true if new */
bool table_delete(Table *t, Value key);
/* Iteration: returns the next live entry at index >= *pos, or NULL. */
Entry *table_next(const Table *t, size_t *pos);

#endif
