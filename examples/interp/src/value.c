/* SPDX-License-Identifier: MIT */
/* value.c - value semantics: equality, hashing, formatting. */
#include "value.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void buf_put(Buf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 64;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *p = realloc(b->data, cap);
        if (!p) {
            fputs("interp: out of memory\n", stderr);
            exit(71);
        }
        b->data = p;
        b->cap = cap;
    }
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void buf_putc(Buf *b, char c)
{
    buf_put(b, &c, 1);
}

void buf_puts(Buf *b, const char *s)
{
    buf_put(b, s, strlen(s));
}

void buf_free(Buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

const char *value_type_name(Value v)
{
    switch (v.type) {
    case VAL_NIL:
        return "nil";
    case VAL_BOOL:
        return "bool";
    case VAL_NUM:
        return "number";
    case VAL_OBJ:
        switch (v.as.o->type) {
        case OBJ_STRING:
            return "string";
        case OBJ_ARRAY:
            return "array";
        case OBJ_TABLE:
            return "table";
        case OBJ_FUNCTION:
        case OBJ_CLOSURE:
        case OBJ_NATIVE:
            return "function";
        case OBJ_UPVALUE:
            return "upvalue";
        }
    }
    return "?";
}

bool values_equal(Value a, Value b)
{
    if (a.type != b.type)
        return false;
    switch (a.type) {
    case VAL_NIL:
        return true;
    case VAL_BOOL:
        return a.as.b == b.as.b;
    case VAL_NUM:
        return a.as.n == b.as.n;
    case VAL_OBJ:
        return a.as.o == b.as.o; /* strings are interned */
    }
    return false;
}

/* FNV-1a */
uint32_t hash_bytes(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) {
        h ^= (uint8_t)s[i];
        h *= 16777619u;
    }
    return h;
}

static uint32_t mix64(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    x ^= x >> 33;
    return (uint32_t)x;
}

uint32_t hash_value(Value v)
{
    switch (v.type) {
    case VAL_NIL:
        return 0;
    case VAL_BOOL:
        return v.as.b ? 0x9e3779b9u : 0x7f4a7c15u;
    case VAL_NUM: {
        double d = v.as.n;
        if (d == 0)
            d = 0; /* -0 and +0 are the same key */
        uint64_t bits;
        memcpy(&bits, &d, sizeof bits);
        return mix64(bits);
    }
    case VAL_OBJ:
        if (v.as.o->type == OBJ_STRING)
            return ((ObjString *)v.as.o)->hash;
        return mix64((uint64_t)(uintptr_t)v.as.o);
    }
    return 0;
}

int format_number(char *out, size_t size, double n)
{
    if (isnan(n))
        return snprintf(out, size, "nan");
    if (isinf(n))
        return snprintf(out, size, n > 0 ? "inf" : "-inf");
    if (n == floor(n) && fabs(n) < 1e15)
        return snprintf(out, size, "%lld", (long long)n);
    return snprintf(out, size, "%.14g", n);
}

static void format_rec(Buf *b, Value v, bool quote, int depth)
{
    char tmp[64];
    switch (v.type) {
    case VAL_NIL:
        buf_puts(b, "nil");
        return;
    case VAL_BOOL:
        buf_puts(b, v.as.b ? "true" : "false");
        return;
    case VAL_NUM:
        format_number(tmp, sizeof tmp, v.as.n);
        buf_puts(b, tmp);
        return;
    case VAL_OBJ:
        break;
    }
    switch (v.as.o->type) {
    case OBJ_STRING: {
        ObjString *s = AS_STRING(v);
        if (!quote) {
            buf_put(b, s->chars, s->len);
            return;
        }
        buf_putc(b, '"');
        for (size_t i = 0; i < s->len; i++) {
            char c = s->chars[i];
            if (c == '"' || c == '\\') {
                buf_putc(b, '\\');
                buf_putc(b, c);
            } else if (c == '\n') {
                buf_puts(b, "\\n");
            } else if (c == '\t') {
                buf_puts(b, "\\t");
            } else {
                buf_putc(b, c);
            }
        }
        buf_putc(b, '"');
        return;
    }
    case OBJ_ARRAY: {
        ObjArray *a = AS_ARRAY(v);
        if (depth > 8) {
            buf_puts(b, "[...]");
            return;
        }
        buf_putc(b, '[');
        for (size_t i = 0; i < a->count; i++) {
            if (i)
                buf_puts(b, ", ");
            format_rec(b, a->items[i], true, depth + 1);
        }
        buf_putc(b, ']');
        return;
    }
    case OBJ_TABLE: {
        ObjTable *t = AS_TABLE(v);
        if (depth > 8) {
            buf_puts(b, "{...}");
            return;
        }
        buf_putc(b, '{');
        size_t pos = 0;
        bool first = true;
        Entry *e;
        while ((e = table_next(&t->t, &pos)) != NULL) {
            if (!first)
                buf_puts(b, ", ");
            first = false;
            format_rec(b, e->key, true, depth + 1);
            buf_puts(b, ": ");
            format_rec(b, e->value, true, depth + 1);
        }
        buf_putc(b, '}');
        return;
    }
    case OBJ_FUNCTION:
    case OBJ_CLOSURE: {
        ObjFunction *fn = v.as.o->type == OBJ_CLOSURE ? AS_CLOSURE(v)->fn : AS_FUNCTION(v);
        buf_puts(b, "<fn ");
        buf_puts(b, fn->name ? fn->name->chars : "script");
        buf_putc(b, '>');
        return;
    }
    case OBJ_NATIVE:
        buf_puts(b, "<builtin ");
        buf_puts(b, AS_NATIVE(v)->name);
        buf_putc(b, '>');
        return;
    case OBJ_UPVALUE:
        buf_puts(b, "<upvalue>");
        return;
    }
}

void value_format(Buf *b, Value v, bool quote)
{
    format_rec(b, v, quote, 0);
}
