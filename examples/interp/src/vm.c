/* SPDX-License-Identifier: MIT */
/*
 * vm.c - the bytecode interpreter loop and the public API.
 *
 * The dispatch loop keeps the instruction pointer, stack pointer, current
 * frame base and constant table in locals.  Before anything that can run the
 * garbage collector or report an error they are written back (SYNC), so the
 * collector sees every live value and stack traces show the right line.
 */
#include "vm.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "ast.h"
#include "compiler.h"

static void reset_stack(VM *vm)
{
    vm->sp = vm->stack;
    vm->nframes = 0;
    vm->open_upvals = NULL;
}

static void print_frame(VM *vm, const CallFrame *f)
{
    ObjFunction *fn = f->closure->fn;
    size_t offset = (size_t)(f->ip - fn->chunk.code);
    int line = fn->chunk.lines[offset > 0 ? offset - 1 : 0];
    fprintf(vm->err, "  at %s:%d in %s\n", vm->script_name, line,
            fn->name ? fn->name->chars : "<script>");
}

bool vm_error(VM *vm, const char *fmt, ...)
{
    fflush(vm->out);
    fputs("error: ", vm->err);
    va_list ap;
    va_start(ap, fmt);
    vfprintf(vm->err, fmt, ap);
    va_end(ap);
    fputc('\n', vm->err);
    /* innermost frame first; elide the middle of very deep traces */
    for (int i = vm->nframes - 1; i >= 0; i--) {
        if (vm->nframes > 24 && i == vm->nframes - 11) {
            fprintf(vm->err, "  ... %d more frames ...\n", vm->nframes - 21);
            i = 10;
        }
        print_frame(vm, &vm->frames[i]);
    }
    return false;
}

bool value_to_index(Value key, size_t len, size_t *out)
{
    if (!IS_NUM(key))
        return false;
    double d = key.as.n;
    if (!(d >= 0 && d < (double)len))
        return false;
    size_t i = (size_t)d;
    if ((double)i != d)
        return false;
    *out = i;
    return true;
}

bool vm_index_error(VM *vm, Value key, size_t len, const char *what)
{
    char num[64];
    if (!IS_NUM(key))
        return vm_error(vm, "%s index must be a number, not %s", what, value_type_name(key));
    format_number(num, sizeof num, key.as.n);
    if (key.as.n != floor(key.as.n))
        return vm_error(vm, "%s index must be an integer, got %s", what, num);
    return vm_error(vm, "%s index %s out of range (length %zu)", what, num, len);
}

static ObjUpvalue *capture_upvalue(VM *vm, Value *slot)
{
    ObjUpvalue *prev = NULL, *u = vm->open_upvals;
    while (u != NULL && u->loc > slot) {
        prev = u;
        u = u->next;
    }
    if (u != NULL && u->loc == slot)
        return u;
    ObjUpvalue *created = upvalue_new(vm, slot);
    created->next = u;
    if (prev)
        prev->next = created;
    else
        vm->open_upvals = created;
    return created;
}

static void close_upvalues(VM *vm, Value *last)
{
    while (vm->open_upvals != NULL && vm->open_upvals->loc >= last) {
        ObjUpvalue *u = vm->open_upvals;
        u->closed = *u->loc;
        u->loc = &u->closed;
        vm->open_upvals = u->next;
    }
}

/* Both operands must still be on the VM stack (the result may trigger a
 * collection). */
static ObjString *concat(VM *vm, ObjString *a, ObjString *b)
{
    vm->scratch.len = 0;
    buf_put(&vm->scratch, a->chars, a->len);
    buf_put(&vm->scratch, b->chars, b->len);
    return str_copy(vm, vm->scratch.data, vm->scratch.len);
}

static int compare_strings(const ObjString *a, const ObjString *b)
{
    size_t n = a->len < b->len ? a->len : b->len;
    int c = memcmp(a->chars, b->chars, n);
    if (c != 0)
        return c;
    return a->len < b->len ? -1 : a->len > b->len;
}

static bool valid_key(Value key)
{
    return !IS_NIL(key) && !(IS_NUM(key) && isnan(key.as.n));
}

static InterpResult run(VM *vm)
{
    CallFrame *frame = &vm->frames[vm->nframes - 1];
    uint8_t *ip = frame->ip;
    Value *slots = frame->slots;
    Value *consts = frame->closure->fn->chunk.consts;
    Value *sp = vm->sp;

#define READ_BYTE() (*ip++)
#define READ_SHORT() (ip += 2, (uint16_t)((ip[-2] << 8) | ip[-1]))
#define SYNC() (vm->sp = sp, frame->ip = ip)
#define THROW(...)                                                                                 \
    do {                                                                                           \
        SYNC();                                                                                    \
        vm_error(vm, __VA_ARGS__);                                                                 \
        return INTERP_RUNTIME_ERROR;                                                               \
    } while (0)
#define LOAD_FRAME()                                                                               \
    do {                                                                                           \
        frame = &vm->frames[vm->nframes - 1];                                                      \
        ip = frame->ip;                                                                            \
        slots = frame->slots;                                                                      \
        consts = frame->closure->fn->chunk.consts;                                                 \
    } while (0)
#define TYPE(v) value_type_name(v)
#define ARITH(sym, result)                                                                         \
    do {                                                                                           \
        Value b_ = sp[-1], a_ = sp[-2];                                                            \
        if (IS_NUM(a_) && IS_NUM(b_)) {                                                            \
            double x = a_.as.n, y = b_.as.n;                                                       \
            sp[-2] = NUM_VAL(result);                                                              \
            sp--;                                                                                  \
            break;                                                                                 \
        }                                                                                          \
        THROW("operands of '" sym "' must be numbers, not %s and %s", TYPE(a_), TYPE(b_));         \
    } while (0)
#define COMPARE(sym, cmp)                                                                          \
    do {                                                                                           \
        Value b_ = sp[-1], a_ = sp[-2];                                                            \
        if (IS_NUM(a_) && IS_NUM(b_)) {                                                            \
            sp[-2] = BOOL_VAL(a_.as.n cmp b_.as.n);                                                \
        } else if (IS_STRING(a_) && IS_STRING(b_)) {                                               \
            sp[-2] = BOOL_VAL(compare_strings(AS_STRING(a_), AS_STRING(b_)) cmp 0);                \
        } else {                                                                                   \
            THROW("cannot compare %s and %s with '" sym "'", TYPE(a_), TYPE(b_));                  \
        }                                                                                          \
        sp--;                                                                                      \
    } while (0)
#define CHECK_INDEX(key, len, what, out)                                                           \
    do {                                                                                           \
        if (!value_to_index(key, len, &(out))) {                                                   \
            SYNC();                                                                                \
            vm_index_error(vm, key, len, what);                                                    \
            return INTERP_RUNTIME_ERROR;                                                           \
        }                                                                                          \
    } while (0)

    for (;;) {
        uint8_t instruction = READ_BYTE();
        switch ((OpCode)instruction) {
        case OP_CONST:
            *sp++ = consts[READ_SHORT()];
            break;
        case OP_NIL:
            *sp++ = NIL_VAL;
            break;
        case OP_TRUE:
            *sp++ = BOOL_VAL(true);
            break;
        case OP_FALSE:
            *sp++ = BOOL_VAL(false);
            break;
        case OP_POP:
            sp--;
            break;
        case OP_DUP:
            sp[0] = sp[-1];
            sp++;
            break;
        case OP_DUP2:
            sp[0] = sp[-2];
            sp[1] = sp[-1];
            sp += 2;
            break;
        case OP_GET_LOCAL:
            *sp++ = slots[READ_BYTE()];
            break;
        case OP_SET_LOCAL:
            slots[READ_BYTE()] = sp[-1];
            break;
        case OP_GET_GLOBAL: {
            Value name = consts[READ_SHORT()];
            Value *v = table_lookup(&vm->globals, name);
            if (v == NULL)
                THROW("undefined variable '%s'", AS_STRING(name)->chars);
            *sp++ = *v;
            break;
        }
        case OP_SET_GLOBAL: {
            Value name = consts[READ_SHORT()];
            Value *v = table_lookup(&vm->globals, name);
            if (v == NULL)
                THROW("assignment to undefined variable '%s'", AS_STRING(name)->chars);
            *v = sp[-1];
            break;
        }
        case OP_DEF_GLOBAL: {
            Value name = consts[READ_SHORT()];
            table_set(vm, &vm->globals, name, sp[-1]);
            sp--;
            break;
        }
        case OP_GET_UPVAL:
            *sp++ = *frame->closure->upvals[READ_BYTE()]->loc;
            break;
        case OP_SET_UPVAL:
            *frame->closure->upvals[READ_BYTE()]->loc = sp[-1];
            break;
        case OP_CLOSE_UPVAL:
            close_upvalues(vm, sp - 1);
            sp--;
            break;
        case OP_GET_INDEX: {
            Value key = sp[-1], obj = sp[-2];
            size_t i;
            if (IS_ARRAY(obj)) {
                ObjArray *a = AS_ARRAY(obj);
                CHECK_INDEX(key, a->count, "array", i);
                sp[-2] = a->items[i];
            } else if (IS_TABLE(obj)) {
                Value *v = table_lookup(&AS_TABLE(obj)->t, key);
                sp[-2] = v ? *v : NIL_VAL;
            } else if (IS_STRING(obj)) {
                ObjString *s = AS_STRING(obj);
                CHECK_INDEX(key, s->len, "string", i);
                sp[-2] = OBJ_VAL(vm->chars[(uint8_t)s->chars[i]]);
            } else {
                THROW("cannot index %s", TYPE(obj));
            }
            sp--;
            break;
        }
        case OP_SET_INDEX: {
            Value val = sp[-1], key = sp[-2], obj = sp[-3];
            if (IS_ARRAY(obj)) {
                ObjArray *a = AS_ARRAY(obj);
                size_t i;
                if (IS_NUM(key) && key.as.n == (double)a->count) {
                    array_push(vm, a, val); /* a[len(a)] = v appends */
                } else {
                    CHECK_INDEX(key, a->count, "array", i);
                    a->items[i] = val;
                }
            } else if (IS_TABLE(obj)) {
                if (!valid_key(key))
                    THROW("table key cannot be %s", IS_NIL(key) ? "nil" : "nan");
                table_set(vm, &AS_TABLE(obj)->t, key, val);
            } else {
                THROW("cannot assign to an element of %s", TYPE(obj));
            }
            sp[-3] = val;
            sp -= 2;
            break;
        }
        case OP_GET_FIELD: {
            Value key = consts[READ_SHORT()], obj = sp[-1];
            if (!IS_TABLE(obj))
                THROW("cannot read field '%s' of %s", AS_STRING(key)->chars, TYPE(obj));
            Value *v = table_lookup(&AS_TABLE(obj)->t, key);
            sp[-1] = v ? *v : NIL_VAL;
            break;
        }
        case OP_SET_FIELD: {
            Value key = consts[READ_SHORT()], obj = sp[-2], val = sp[-1];
            if (!IS_TABLE(obj))
                THROW("cannot set field '%s' of %s", AS_STRING(key)->chars, TYPE(obj));
            table_set(vm, &AS_TABLE(obj)->t, key, val);
            sp[-2] = val;
            sp--;
            break;
        }
        case OP_ADD: {
            Value b = sp[-1], a = sp[-2];
            if (IS_NUM(a) && IS_NUM(b)) {
                sp[-2] = NUM_VAL(a.as.n + b.as.n);
            } else if (IS_STRING(a) && IS_STRING(b)) {
                SYNC();
                sp[-2] = OBJ_VAL(concat(vm, AS_STRING(a), AS_STRING(b)));
            } else {
                THROW("operands of '+' must be two numbers or two strings, not %s and %s", TYPE(a),
                      TYPE(b));
            }
            sp--;
            break;
        }
        case OP_SUB:
            ARITH("-", x - y);
            break;
        case OP_MUL:
            ARITH("*", x * y);
            break;
        case OP_DIV:
            ARITH("/", x / y);
            break;
        case OP_MOD: {
            Value b = sp[-1], a = sp[-2];
            if (!IS_NUM(a) || !IS_NUM(b))
                THROW("operands of '%%' must be numbers, not %s and %s", TYPE(a), TYPE(b));
            if (b.as.n == 0)
                THROW("modulo by zero");
            double r = fmod(a.as.n, b.as.n);
            if (r != 0 && ((r < 0) != (b.as.n < 0)))
                r += b.as.n; /* floored, like Lua */
            sp[-2] = NUM_VAL(r);
            sp--;
            break;
        }
        case OP_ADDK:
        case OP_SUBK: {
            double k = consts[READ_SHORT()].as.n;
            Value a = sp[-1];
            if (!IS_NUM(a)) {
                if (instruction == OP_ADDK)
                    THROW("operands of '+' must be two numbers or two strings, not %s and number",
                          TYPE(a));
                THROW("operands of '-' must be numbers, not %s and number", TYPE(a));
            }
            sp[-1].as.n = instruction == OP_ADDK ? a.as.n + k : a.as.n - k;
            break;
        }
        case OP_NEG:
            if (!IS_NUM(sp[-1]))
                THROW("operand of unary '-' must be a number, not %s", TYPE(sp[-1]));
            sp[-1].as.n = -sp[-1].as.n;
            break;
        case OP_NOT:
            sp[-1] = BOOL_VAL(is_falsy(sp[-1]));
            break;
        case OP_EQ: {
            Value b = sp[-1], a = sp[-2];
            sp[-2] = BOOL_VAL(values_equal(a, b));
            sp--;
            break;
        }
        case OP_NE: {
            Value b = sp[-1], a = sp[-2];
            sp[-2] = BOOL_VAL(!values_equal(a, b));
            sp--;
            break;
        }
        case OP_LT:
            COMPARE("<", <);
            break;
        case OP_LE:
            COMPARE("<=", <=);
            break;
        case OP_GT:
            COMPARE(">", >);
            break;
        case OP_GE:
            COMPARE(">=", >=);
            break;
        case OP_JUMP: {
            uint16_t off = READ_SHORT();
            ip += off;
            break;
        }
        case OP_JUMP_IF_FALSE: {
            uint16_t off = READ_SHORT();
            if (is_falsy(*--sp))
                ip += off;
            break;
        }
        case OP_AND: {
            uint16_t off = READ_SHORT();
            if (is_falsy(sp[-1]))
                ip += off;
            else
                sp--;
            break;
        }
        case OP_OR: {
            uint16_t off = READ_SHORT();
            if (!is_falsy(sp[-1]))
                ip += off;
            else
                sp--;
            break;
        }
        case OP_LOOP: {
            uint16_t off = READ_SHORT();
            ip -= off;
            break;
        }
        case OP_CALL: {
            int argc = READ_BYTE();
            Value callee = sp[-argc - 1];
            if (IS_CLOSURE(callee)) {
                ObjClosure *cl = AS_CLOSURE(callee);
                ObjFunction *fn = cl->fn;
                if (argc != fn->arity)
                    THROW("%s() takes %d argument%s, got %d", fn->name->chars, fn->arity,
                          fn->arity == 1 ? "" : "s", argc);
                Value *base = sp - argc - 1;
                if (vm->nframes == FRAMES_MAX || base + fn->maxstack + STACK_SLACK > vm->stack_end)
                    THROW("stack overflow (too much recursion)");
                frame->ip = ip;
                frame = &vm->frames[vm->nframes++];
                frame->closure = cl;
                frame->slots = slots = base;
                frame->ip = ip = fn->chunk.code;
                consts = fn->chunk.consts;
            } else if (IS_NATIVE(callee)) {
                ObjNative *nat = AS_NATIVE(callee);
                if (argc < nat->min_args || (nat->max_args >= 0 && argc > nat->max_args)) {
                    if (nat->min_args == nat->max_args)
                        THROW("%s() takes %d argument%s, got %d", nat->name, nat->min_args,
                              nat->min_args == 1 ? "" : "s", argc);
                    if (nat->max_args < 0)
                        THROW("%s() takes at least %d argument%s, got %d", nat->name, nat->min_args,
                              nat->min_args == 1 ? "" : "s", argc);
                    THROW("%s() takes %d to %d arguments, got %d", nat->name, nat->min_args,
                          nat->max_args, argc);
                }
                SYNC();
                Value result = NIL_VAL;
                if (!nat->fn(vm, argc, sp - argc, &result))
                    return INTERP_RUNTIME_ERROR;
                sp -= argc + 1;
                *sp++ = result;
            } else {
                THROW("cannot call %s", TYPE(callee));
            }
            break;
        }
        case OP_RETURN: {
            Value result = sp[-1];
            close_upvalues(vm, slots);
            vm->nframes--;
            if (vm->nframes == 0) {
                vm->sp = vm->stack;
                return INTERP_OK;
            }
            sp = slots;
            *sp++ = result;
            LOAD_FRAME();
            break;
        }
        case OP_CLOSURE: {
            ObjFunction *fn = AS_FUNCTION(consts[READ_SHORT()]);
            SYNC();
            ObjClosure *cl = closure_new(vm, fn);
            *sp++ = OBJ_VAL(cl);
            vm->sp = sp; /* root the closure while capturing allocates */
            for (int i = 0; i < cl->nupvals; i++) {
                uint8_t is_local = READ_BYTE();
                uint8_t index = READ_BYTE();
                cl->upvals[i] =
                    is_local ? capture_upvalue(vm, slots + index) : frame->closure->upvals[index];
            }
            break;
        }
        case OP_ARRAY: {
            SYNC();
            ObjArray *a = array_new(vm, 0);
            *sp++ = OBJ_VAL(a);
            break;
        }
        case OP_APPEND:
            array_push(vm, AS_ARRAY(sp[-2]), sp[-1]);
            sp--;
            break;
        case OP_TABLE: {
            SYNC();
            ObjTable *t = table_new(vm);
            *sp++ = OBJ_VAL(t);
            break;
        }
        case OP_TABLE_SET: {
            Value key = sp[-2];
            if (!valid_key(key))
                THROW("table key cannot be %s", IS_NIL(key) ? "nil" : "nan");
            table_set(vm, &AS_TABLE(sp[-3])->t, key, sp[-1]);
            sp -= 2;
            break;
        }
        case OP_ITER: {
            uint8_t slot = READ_BYTE();
            uint16_t off = READ_SHORT();
            Value it = slots[slot];
            size_t pos = (size_t)slots[slot + 1].as.n;
            bool more = false;
            if (IS_ARRAY(it)) {
                ObjArray *a = AS_ARRAY(it);
                if (pos < a->count) {
                    slots[slot + 2] = a->items[pos++];
                    more = true;
                }
            } else if (IS_TABLE(it)) {
                Entry *e = table_next(&AS_TABLE(it)->t, &pos);
                if (e) {
                    slots[slot + 2] = e->key;
                    more = true;
                }
            } else if (IS_STRING(it)) {
                ObjString *s = AS_STRING(it);
                if (pos < s->len) {
                    slots[slot + 2] = OBJ_VAL(vm->chars[(uint8_t)s->chars[pos++]]);
                    more = true;
                }
            } else {
                THROW("cannot iterate over %s", TYPE(it));
            }
            if (more)
                slots[slot + 1].as.n = (double)pos;
            else
                ip += off;
            break;
        }
        default:
            THROW("internal error: bad opcode %d", instruction);
        }
    }
#undef READ_BYTE
#undef READ_SHORT
#undef SYNC
#undef THROW
#undef LOAD_FRAME
#undef TYPE
#undef ARITH
#undef COMPARE
#undef CHECK_INDEX
}

/* ---- public API ------------------------------------------------------- */

Interp *interp_new(const InterpOptions *opts)
{
    VM *vm = calloc(1, sizeof *vm);
    if (!vm)
        return NULL;
    vm->out = opts && opts->out ? opts->out : stdout;
    vm->err = opts && opts->err ? opts->err : stderr;
    vm->gc_stress = opts && opts->gc_stress;
    vm->dump = opts && opts->dump;
    vm->stack = malloc(STACK_SLOTS * sizeof(Value));
    vm->frames = malloc(FRAMES_MAX * sizeof(CallFrame));
    if (!vm->stack || !vm->frames) {
        free(vm->stack);
        free(vm->frames);
        free(vm);
        return NULL;
    }
    vm->stack_end = vm->stack + STACK_SLOTS;
    reset_stack(vm);
    table_init(&vm->globals);
    vm->script_name = "<script>";
    vm->objects = NULL;
    vm->next_gc = 1u << 20;
    vm->gc_enabled = false;
    for (int i = 0; i < 256; i++) {
        char c = (char)i;
        vm->chars[i] = str_copy(vm, &c, 1);
    }
    builtins_register(vm);
    vm->gc_enabled = true;
    return vm;
}

void interp_set_args(Interp *vm, int argc, const char *const *argv)
{
    bool gc = vm->gc_enabled;
    vm->gc_enabled = false;
    ObjArray *a = array_new(vm, (size_t)argc);
    for (int i = 0; i < argc; i++)
        array_push(vm, a, OBJ_VAL(str_cstr(vm, argv[i])));
    table_set(vm, &vm->globals, OBJ_VAL(str_cstr(vm, "args")), OBJ_VAL(a));
    vm->gc_enabled = gc;
}

InterpResult interp_run(Interp *vm, const char *source, const char *name)
{
    vm->script_name = name;
    Arena arena;
    arena_init(&arena);
    Node *program = parse_program(source, name, &arena, vm->err);
    if (!program) {
        arena_free(&arena);
        return INTERP_COMPILE_ERROR;
    }
    vm->gc_enabled = false;
    ObjFunction *fn = compile(vm, program, name, &arena);
    arena_free(&arena);
    if (!fn) {
        vm->gc_enabled = true;
        return INTERP_COMPILE_ERROR;
    }
    if (vm->dump) {
        disasm_function(vm->out, fn);
        vm->gc_enabled = true;
        return INTERP_OK;
    }
    ObjClosure *cl = closure_new(vm, fn);
    vm->gc_enabled = true;
    reset_stack(vm);
    vm_push(vm, OBJ_VAL(cl));
    CallFrame *frame = &vm->frames[vm->nframes++];
    frame->closure = cl;
    frame->ip = fn->chunk.code;
    frame->slots = vm->stack;
    InterpResult r = run(vm);
    if (r != INTERP_OK)
        reset_stack(vm);
    fflush(vm->out);
    return r;
}

void interp_free(Interp *vm)
{
    if (!vm)
        return;
    reset_stack(vm);
    gc_free_all(vm);
    table_free(vm, &vm->globals);
    strset_free(&vm->strings);
    buf_free(&vm->scratch);
    free(vm->stack);
    free(vm->frames);
    free(vm);
}
