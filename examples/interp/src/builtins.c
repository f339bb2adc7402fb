/* SPDX-License-Identifier: MIT */
/*
 * builtins.c - functions predefined as globals.
 *
 * Arguments live on the VM stack while a builtin runs, so they stay alive
 * across allocations.  Builtins that allocate several objects push the
 * intermediate ones with vm_push() so a collection cannot free them.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "vm.h"

#define NATIVE(name) static bool nat_##name(VM *vm, int argc, Value *args, Value *out)

static bool arg_error(VM *vm, const char *fn, int i, const char *expected, Value got)
{
    return vm_error(vm, "%s() argument %d must be %s, not %s", fn, i + 1, expected,
                    value_type_name(got));
}

#define ARG_NUM(fn, i, var)                                                                        \
    if (!IS_NUM(args[i]))                                                                          \
        return arg_error(vm, fn, i, "a number", args[i]);                                          \
    double var = args[i].as.n
#define ARG_INT(fn, i, var)                                                                        \
    if (!IS_NUM(args[i]) || args[i].as.n != floor(args[i].as.n))                                   \
        return arg_error(vm, fn, i, "an integer", args[i]);                                        \
    double var = args[i].as.n
#define ARG_STR(fn, i, var)                                                                        \
    if (!IS_STRING(args[i]))                                                                       \
        return arg_error(vm, fn, i, "a string", args[i]);                                          \
    ObjString *var = AS_STRING(args[i])
#define ARG_ARRAY(fn, i, var)                                                                      \
    if (!IS_ARRAY(args[i]))                                                                        \
        return arg_error(vm, fn, i, "an array", args[i]);                                          \
    ObjArray *var = AS_ARRAY(args[i])
#define ARG_TABLE(fn, i, var)                                                                      \
    if (!IS_TABLE(args[i]))                                                                        \
        return arg_error(vm, fn, i, "a table", args[i]);                                           \
    ObjTable *var = AS_TABLE(args[i])

/* ---- output and conversion -------------------------------------------- */

static void write_values(VM *vm, int argc, Value *args, const char *sep, const char *end)
{
    Buf *b = &vm->scratch;
    b->len = 0;
    for (int i = 0; i < argc; i++) {
        if (i)
            buf_puts(b, sep);
        value_format(b, args[i], false);
    }
    buf_puts(b, end);
    if (b->len)
        fwrite(b->data, 1, b->len, vm->out);
}

NATIVE(print)
{
    write_values(vm, argc, args, " ", "\n");
    *out = NIL_VAL;
    return true;
}

NATIVE(write)
{
    write_values(vm, argc, args, "", "");
    *out = NIL_VAL;
    return true;
}

NATIVE(str)
{
    (void)argc;
    if (IS_STRING(args[0])) {
        *out = args[0];
        return true;
    }
    vm->scratch.len = 0;
    value_format(&vm->scratch, args[0], false);
    *out = OBJ_VAL(str_copy(vm, vm->scratch.data, vm->scratch.len));
    return true;
}

NATIVE(num)
{
    (void)argc;
    if (IS_NUM(args[0])) {
        *out = args[0];
        return true;
    }
    ARG_STR("num", 0, s);
    char *end;
    double d = strtod(s->chars, &end);
    *out = (s->len > 0 && end == s->chars + s->len) ? NUM_VAL(d) : NIL_VAL;
    return true;
}

NATIVE(type)
{
    (void)argc;
    *out = OBJ_VAL(str_cstr(vm, value_type_name(args[0])));
    return true;
}

NATIVE(fmt)
{
    (void)argc;
    ARG_NUM("fmt", 0, x);
    ARG_INT("fmt", 1, digits);
    if (digits < 0 || digits > 20)
        return vm_error(vm, "fmt() digits must be between 0 and 20");
    char buf[400];
    int n = snprintf(buf, sizeof buf, "%.*f", (int)digits, x);
    if (n < 0 || (size_t)n >= sizeof buf)
        return vm_error(vm, "fmt() number too large");
    *out = OBJ_VAL(str_copy(vm, buf, (size_t)n));
    return true;
}

NATIVE(error)
{
    (void)argc;
    vm->scratch.len = 0;
    value_format(&vm->scratch, args[0], false);
    *out = NIL_VAL;
    return vm_error(vm, "%s", vm->scratch.data);
}

NATIVE(assert)
{
    if (!is_falsy(args[0])) {
        *out = args[0];
        return true;
    }
    vm->scratch.len = 0;
    if (argc > 1)
        value_format(&vm->scratch, args[1], false);
    else
        buf_puts(&vm->scratch, "assertion failed");
    return vm_error(vm, "%s", vm->scratch.data);
}

/* ---- numbers ---------------------------------------------------------- */

NATIVE(floor)
{
    (void)argc;
    ARG_NUM("floor", 0, x);
    *out = NUM_VAL(floor(x));
    return true;
}

NATIVE(sqrt)
{
    (void)argc;
    ARG_NUM("sqrt", 0, x);
    *out = NUM_VAL(sqrt(x));
    return true;
}

NATIVE(abs)
{
    (void)argc;
    ARG_NUM("abs", 0, x);
    *out = NUM_VAL(fabs(x));
    return true;
}

NATIVE(pow)
{
    (void)argc;
    ARG_NUM("pow", 0, x);
    ARG_NUM("pow", 1, y);
    *out = NUM_VAL(pow(x, y));
    return true;
}

static bool min_max(VM *vm, int argc, Value *args, Value *out, const char *name, bool want_max)
{
    double best = 0;
    for (int i = 0; i < argc; i++) {
        if (!IS_NUM(args[i]))
            return arg_error(vm, name, i, "a number", args[i]);
        double x = args[i].as.n;
        if (i == 0 || (want_max ? x > best : x < best))
            best = x;
    }
    *out = NUM_VAL(best);
    return true;
}

NATIVE(min)
{
    return min_max(vm, argc, args, out, "min", false);
}
NATIVE(max)
{
    return min_max(vm, argc, args, out, "max", true);
}

/* ---- strings ---------------------------------------------------------- */

NATIVE(len)
{
    (void)argc;
    Value v = args[0];
    if (IS_STRING(v))
        *out = NUM_VAL((double)AS_STRING(v)->len);
    else if (IS_ARRAY(v))
        *out = NUM_VAL((double)AS_ARRAY(v)->count);
    else if (IS_TABLE(v))
        *out = NUM_VAL((double)AS_TABLE(v)->t.live);
    else
        return arg_error(vm, "len", 0, "a string, array or table", v);
    return true;
}

NATIVE(chr)
{
    (void)argc;
    ARG_INT("chr", 0, c);
    if (c < 0 || c > 255)
        return vm_error(vm, "chr() code %g out of range 0..255", c);
    *out = OBJ_VAL(vm->chars[(int)c]);
    return true;
}

NATIVE(ord)
{
    ARG_STR("ord", 0, s);
    size_t i = 0;
    if (argc > 1 && !value_to_index(args[1], s->len, &i))
        return vm_index_error(vm, args[1], s->len, "ord()");
    if (s->len == 0)
        return vm_error(vm, "ord() of empty string");
    *out = NUM_VAL((double)(uint8_t)s->chars[i]);
    return true;
}

NATIVE(substr)
{
    ARG_STR("substr", 0, s);
    ARG_INT("substr", 1, start);
    if (start < 0 || start > (double)s->len)
        return vm_error(vm, "substr() start %g out of range (length %zu)", start, s->len);
    double count = (double)s->len - start;
    if (argc > 2) {
        ARG_INT("substr", 2, n);
        if (n < 0)
            return vm_error(vm, "substr() length must not be negative");
        if (n < count)
            count = n;
    }
    *out = OBJ_VAL(str_copy(vm, s->chars + (size_t)start, (size_t)count));
    return true;
}

static long find_from(const ObjString *s, const ObjString *sub, size_t from)
{
    if (sub->len == 0)
        return from <= s->len ? (long)from : -1;
    for (size_t i = from; i + sub->len <= s->len; i++)
        if (s->chars[i] == sub->chars[0] && memcmp(s->chars + i, sub->chars, sub->len) == 0)
            return (long)i;
    return -1;
}

NATIVE(find)
{
    ARG_STR("find", 0, s);
    ARG_STR("find", 1, sub);
    size_t from = 0;
    if (argc > 2) {
        ARG_INT("find", 2, f);
        if (f < 0)
            return vm_error(vm, "find() start must not be negative");
        from = (size_t)f;
    }
    *out = NUM_VAL((double)find_from(s, sub, from));
    return true;
}

NATIVE(split)
{
    (void)argc;
    ARG_STR("split", 0, s);
    ARG_STR("split", 1, sep);
    if (sep->len == 0)
        return vm_error(vm, "split() separator must not be empty");
    ObjArray *parts = array_new(vm, 0);
    vm_push(vm, OBJ_VAL(parts));
    size_t start = 0;
    for (;;) {
        long at = find_from(s, sep, start);
        size_t end = at < 0 ? s->len : (size_t)at;
        ObjString *piece = str_copy(vm, s->chars + start, end - start);
        array_push(vm, parts, OBJ_VAL(piece));
        if (at < 0)
            break;
        start = end + sep->len;
    }
    vm_pop(vm);
    *out = OBJ_VAL(parts);
    return true;
}

NATIVE(join)
{
    ARG_ARRAY("join", 0, a);
    const char *sep = "";
    size_t seplen = 0;
    if (argc > 1) {
        ARG_STR("join", 1, s);
        sep = s->chars;
        seplen = s->len;
    }
    Buf *b = &vm->scratch;
    b->len = 0;
    buf_put(b, "", 0);
    for (size_t i = 0; i < a->count; i++) {
        if (i)
            buf_put(b, sep, seplen);
        value_format(b, a->items[i], false);
    }
    *out = OBJ_VAL(str_copy(vm, b->data, b->len));
    return true;
}

NATIVE(repeat)
{
    (void)argc;
    ARG_STR("repeat", 0, s);
    ARG_INT("repeat", 1, n);
    if (n < 0)
        return vm_error(vm, "repeat() count must not be negative");
    Buf *b = &vm->scratch;
    b->len = 0;
    buf_put(b, "", 0);
    for (double i = 0; i < n; i++)
        buf_put(b, s->chars, s->len);
    *out = OBJ_VAL(str_copy(vm, b->data, b->len));
    return true;
}

static bool change_case(VM *vm, Value *args, Value *out, const char *name, bool upper)
{
    ARG_STR(name, 0, s);
    Buf *b = &vm->scratch;
    b->len = 0;
    buf_put(b, s->chars, s->len);
    for (size_t i = 0; i < b->len; i++) {
        char c = b->data[i];
        if (upper && c >= 'a' && c <= 'z')
            b->data[i] = (char)(c - 'a' + 'A');
        if (!upper && c >= 'A' && c <= 'Z')
            b->data[i] = (char)(c - 'A' + 'a');
    }
    *out = OBJ_VAL(str_copy(vm, b->data, b->len));
    return true;
}

NATIVE(upper)
{
    (void)argc;
    return change_case(vm, args, out, "upper", true);
}

NATIVE(lower)
{
    (void)argc;
    return change_case(vm, args, out, "lower", false);
}

/* ---- arrays ----------------------------------------------------------- */

NATIVE(array)
{
    ARG_INT("array", 0, n);
    if (n < 0 || n > 1e9)
        return vm_error(vm, "array() size %g out of range", n);
    Value fill = argc > 1 ? args[1] : NIL_VAL;
    ObjArray *a = array_new(vm, (size_t)n);
    for (size_t i = 0; i < (size_t)n; i++)
        a->items[i] = fill;
    a->count = (size_t)n;
    *out = OBJ_VAL(a);
    return true;
}

NATIVE(push)
{
    ARG_ARRAY("push", 0, a);
    for (int i = 1; i < argc; i++)
        array_push(vm, a, args[i]);
    *out = NIL_VAL;
    return true;
}

NATIVE(pop)
{
    (void)argc;
    ARG_ARRAY("pop", 0, a);
    if (a->count == 0)
        return vm_error(vm, "pop() from empty array");
    *out = a->items[--a->count];
    return true;
}

NATIVE(insert)
{
    (void)argc;
    ARG_ARRAY("insert", 0, a);
    size_t i;
    if (!value_to_index(args[1], a->count + 1, &i))
        return vm_index_error(vm, args[1], a->count + 1, "insert()");
    array_push(vm, a, NIL_VAL);
    memmove(&a->items[i + 1], &a->items[i], (a->count - 1 - i) * sizeof(Value));
    a->items[i] = args[2];
    *out = NIL_VAL;
    return true;
}

NATIVE(remove)
{
    (void)argc;
    ARG_ARRAY("remove", 0, a);
    size_t i;
    if (!value_to_index(args[1], a->count, &i))
        return vm_index_error(vm, args[1], a->count, "remove()");
    *out = a->items[i];
    memmove(&a->items[i], &a->items[i + 1], (a->count - 1 - i) * sizeof(Value));
    a->count--;
    return true;
}

NATIVE(slice)
{
    ARG_ARRAY("slice", 0, a);
    ARG_INT("slice", 1, from);
    double to = (double)a->count;
    if (argc > 2) {
        ARG_INT("slice", 2, t);
        to = t;
    }
    if (from < 0 || to > (double)a->count || from > to)
        return vm_error(vm, "slice() range %g..%g invalid for length %zu", from, to, a->count);
    size_t n = (size_t)(to - from);
    ObjArray *r = array_new(vm, n);
    if (n)
        memcpy(r->items, a->items + (size_t)from, n * sizeof(Value));
    r->count = n;
    *out = OBJ_VAL(r);
    return true;
}

static int cmp_numbers(const void *pa, const void *pb)
{
    double a = ((const Value *)pa)->as.n, b = ((const Value *)pb)->as.n;
    return (a > b) - (a < b);
}

static int cmp_strings(const void *pa, const void *pb)
{
    const ObjString *a = AS_STRING(*(const Value *)pa), *b = AS_STRING(*(const Value *)pb);
    size_t n = a->len < b->len ? a->len : b->len;
    int c = memcmp(a->chars, b->chars, n);
    if (c)
        return c;
    return (a->len > b->len) - (a->len < b->len);
}

NATIVE(sort)
{
    (void)argc;
    ARG_ARRAY("sort", 0, a);
    *out = args[0];
    if (a->count < 2)
        return true;
    bool nums = IS_NUM(a->items[0]);
    for (size_t i = 0; i < a->count; i++) {
        Value v = a->items[i];
        if (nums ? !IS_NUM(v) || isnan(v.as.n) : !IS_STRING(v))
            return vm_error(vm, "sort() needs an array of only numbers or only strings");
    }
    qsort(a->items, a->count, sizeof(Value), nums ? cmp_numbers : cmp_strings);
    return true;
}

/* ---- tables ----------------------------------------------------------- */

NATIVE(keys)
{
    (void)argc;
    ARG_TABLE("keys", 0, t);
    ObjArray *a = array_new(vm, t->t.live);
    size_t pos = 0;
    Entry *e;
    while ((e = table_next(&t->t, &pos)) != NULL)
        a->items[a->count++] = e->key;
    *out = OBJ_VAL(a);
    return true;
}

NATIVE(has)
{
    (void)argc;
    ARG_TABLE("has", 0, t);
    *out = BOOL_VAL(table_lookup(&t->t, args[1]) != NULL);
    return true;
}

NATIVE(del)
{
    (void)argc;
    ARG_TABLE("del", 0, t);
    *out = BOOL_VAL(table_delete(&t->t, args[1]));
    return true;
}

/* ---- registration ----------------------------------------------------- */

static const struct {
    const char *name;
    NativeFn fn;
    int min_args, max_args;
} builtins[] = {
    {"print", nat_print, 0, -1},  {"write", nat_write, 0, -1},  {"str", nat_str, 1, 1},
    {"num", nat_num, 1, 1},       {"type", nat_type, 1, 1},     {"fmt", nat_fmt, 2, 2},
    {"error", nat_error, 1, 1},   {"assert", nat_assert, 1, 2}, {"floor", nat_floor, 1, 1},
    {"sqrt", nat_sqrt, 1, 1},     {"abs", nat_abs, 1, 1},       {"pow", nat_pow, 2, 2},
    {"min", nat_min, 1, -1},      {"max", nat_max, 1, -1},      {"len", nat_len, 1, 1},
    {"chr", nat_chr, 1, 1},       {"ord", nat_ord, 1, 2},       {"substr", nat_substr, 2, 3},
    {"find", nat_find, 2, 3},     {"split", nat_split, 2, 2},   {"join", nat_join, 1, 2},
    {"repeat", nat_repeat, 2, 2}, {"upper", nat_upper, 1, 1},   {"lower", nat_lower, 1, 1},
    {"array", nat_array, 1, 2},   {"push", nat_push, 2, -1},    {"pop", nat_pop, 1, 1},
    {"insert", nat_insert, 3, 3}, {"remove", nat_remove, 2, 2}, {"slice", nat_slice, 2, 3},
    {"sort", nat_sort, 1, 1},     {"keys", nat_keys, 1, 1},     {"has", nat_has, 2, 2},
    {"del", nat_del, 2, 2},
};

void builtins_register(VM *vm)
{
    for (size_t i = 0; i < sizeof builtins / sizeof builtins[0]; i++) {
        ObjString *name = str_cstr(vm, builtins[i].name);
        ObjNative *fn = native_new(vm, builtins[i].fn, builtins[i].name, builtins[i].min_args,
                                   builtins[i].max_args);
        table_set(vm, &vm->globals, OBJ_VAL(name), OBJ_VAL(fn));
    }
}
