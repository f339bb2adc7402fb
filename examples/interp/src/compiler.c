/* SPDX-License-Identifier: MIT */
/*
 * compiler.c - translates the syntax tree into bytecode.
 *
 * Locals live in stack slots of the current call frame (slot 0 holds the
 * called closure).  Variables captured by inner functions become upvalues
 * that are closed over when their scope ends.  Top-level `let` and `fn`
 * define globals, which are looked up by name in a hash table at run time.
 *
 * The compiler also tracks the stack depth of every instruction so that
 * each function records the maximum number of slots one activation needs;
 * the VM checks that bound once per call instead of on every push.
 */
#include "compiler.h"

#include <setjmp.h>
#include <stdarg.h>
#include <string.h>

#include "chunk.h"
#include "vm.h"

#define MAX_LOCALS 256
#define MAX_UPVALS 256

typedef struct {
    Name name;
    int depth; /* scope depth, -1 while the initializer is compiled */
    bool captured;
} Local;

typedef struct {
    uint8_t index;
    bool is_local;
} UpvalDesc;

typedef struct {
    int *items;
    int count, cap;
} JumpList;

typedef struct Loop {
    struct Loop *enclosing;
    int scope_depth;     /* locals deeper than this are discarded on exit */
    int continue_target; /* -1 until known (for loops: the step clause) */
    JumpList breaks, continues;
} Loop;

typedef struct FuncState {
    struct FuncState *enclosing;
    ObjFunction *fn;
    Local locals[MAX_LOCALS];
    int nlocals;
    UpvalDesc upvals[MAX_UPVALS];
    int scope_depth;
    int depth; /* current operand stack depth, including locals */
    Loop *loop;
    bool is_script;
} FuncState;

typedef struct {
    VM *vm;
    Arena *arena;
    const char *name;
    FuncState *f;
    int line;
    jmp_buf jb;
} Compiler;

static void error(Compiler *c, const char *fmt, ...)
{
    fprintf(c->vm->err, "%s:%d: error: ", c->name, c->line);
    va_list ap;
    va_start(ap, fmt);
    vfprintf(c->vm->err, fmt, ap);
    va_end(ap);
    fputc('\n', c->vm->err);
    longjmp(c->jb, 1);
}

/* ---- emitting --------------------------------------------------------- */

static Chunk *cur_chunk(Compiler *c)
{
    return &c->f->fn->chunk;
}

static void emit_byte(Compiler *c, int byte)
{
    Chunk *ch = cur_chunk(c);
    if (ch->count == ch->cap) {
        size_t cap = ch->cap < 64 ? 64 : ch->cap * 2;
        ch->code = vm_realloc(c->vm, ch->code, ch->cap, cap);
        ch->lines = vm_realloc(c->vm, ch->lines, ch->cap * sizeof(int), cap * sizeof(int));
        ch->cap = cap;
    }
    ch->code[ch->count] = (uint8_t)byte;
    ch->lines[ch->count] = c->line;
    ch->count++;
}

static void emit_short(Compiler *c, int v)
{
    emit_byte(c, (v >> 8) & 0xff);
    emit_byte(c, v & 0xff);
}

static void adjust(Compiler *c, int delta)
{
    FuncState *f = c->f;
    f->depth += delta;
    if (f->depth > f->fn->maxstack)
        f->fn->maxstack = f->depth;
}

/* Emits an opcode with its net effect on the stack depth. */
static void emit_op(Compiler *c, OpCode op, int delta)
{
    emit_byte(c, op);
    adjust(c, delta);
}

static int add_const(Compiler *c, Value v)
{
    Chunk *ch = cur_chunk(c);
    for (size_t i = 0; i < ch->nconsts; i++) {
        Value k = ch->consts[i];
        if (k.type != v.type)
            continue;
        if (v.type == VAL_NUM ? memcmp(&k.as.n, &v.as.n, sizeof(double)) == 0 : k.as.o == v.as.o)
            return (int)i;
    }
    if (ch->nconsts >= 65536)
        error(c, "too many constants in one function");
    if (ch->nconsts == ch->constcap) {
        size_t cap = ch->constcap < 8 ? 8 : ch->constcap * 2;
        ch->consts =
            vm_realloc(c->vm, ch->consts, ch->constcap * sizeof(Value), cap * sizeof(Value));
        ch->constcap = cap;
    }
    ch->consts[ch->nconsts] = v;
    return (int)ch->nconsts++;
}

static int name_const(Compiler *c, Name n)
{
    return add_const(c, OBJ_VAL(str_copy(c->vm, n.s, (size_t)n.len)));
}

static void emit_const(Compiler *c, Value v)
{
    int k = add_const(c, v);
    emit_op(c, OP_CONST, +1);
    emit_short(c, k);
}

static int emit_jump(Compiler *c, OpCode op, int delta)
{
    emit_op(c, op, delta);
    emit_short(c, 0xffff);
    return (int)cur_chunk(c)->count - 2;
}

static void patch_jump(Compiler *c, int at)
{
    Chunk *ch = cur_chunk(c);
    int offset = (int)ch->count - at - 2;
    if (offset > 0xffff)
        error(c, "too much code to jump over");
    ch->code[at] = (uint8_t)(offset >> 8);
    ch->code[at + 1] = (uint8_t)offset;
}

static void emit_loop(Compiler *c, int target)
{
    emit_op(c, OP_LOOP, 0);
    int offset = (int)cur_chunk(c)->count - target + 2;
    if (offset > 0xffff)
        error(c, "loop body too large");
    emit_short(c, offset);
}

static void jumps_add(Compiler *c, JumpList *l, int at)
{
    if (l->count == l->cap) {
        int cap = l->cap ? l->cap * 2 : 4;
        int *items = arena_alloc(c->arena, (size_t)cap * sizeof(int));
        if (l->count)
            memcpy(items, l->items, (size_t)l->count * sizeof(int));
        l->items = items;
        l->cap = cap;
    }
    l->items[l->count++] = at;
}

static void jumps_patch(Compiler *c, JumpList *l)
{
    for (int i = 0; i < l->count; i++)
        patch_jump(c, l->items[i]);
    l->count = 0;
}

/* ---- variables -------------------------------------------------------- */

static bool names_equal(Name a, Name b)
{
    return a.len == b.len && memcmp(a.s, b.s, (size_t)a.len) == 0;
}

static void begin_scope(Compiler *c)
{
    c->f->scope_depth++;
}

static void end_scope(Compiler *c)
{
    FuncState *f = c->f;
    f->scope_depth--;
    while (f->nlocals > 0 && f->locals[f->nlocals - 1].depth > f->scope_depth) {
        emit_op(c, f->locals[f->nlocals - 1].captured ? OP_CLOSE_UPVAL : OP_POP, -1);
        f->nlocals--;
    }
}

/* Pops the locals of scopes deeper than `depth` (for break/continue) while
 * leaving the compiler's view of the scopes untouched. */
static void discard_locals(Compiler *c, int depth)
{
    FuncState *f = c->f;
    int saved = f->depth;
    for (int i = f->nlocals - 1; i >= 0 && f->locals[i].depth > depth; i--)
        emit_op(c, f->locals[i].captured ? OP_CLOSE_UPVAL : OP_POP, -1);
    f->depth = saved;
}

static int declare_local(Compiler *c, Name name)
{
    FuncState *f = c->f;
    for (int i = f->nlocals - 1; i >= 0; i--) {
        Local *l = &f->locals[i];
        if (l->depth != -1 && l->depth < f->scope_depth)
            break;
        if (names_equal(l->name, name))
            error(c, "'%.*s' is already declared in this scope", name.len, name.s);
    }
    if (f->nlocals == MAX_LOCALS)
        error(c, "too many local variables in one function");
    Local *l = &f->locals[f->nlocals];
    l->name = name;
    l->depth = -1;
    l->captured = false;
    return f->nlocals++;
}

static void mark_initialized(Compiler *c)
{
    c->f->locals[c->f->nlocals - 1].depth = c->f->scope_depth;
}

static int resolve_local(Compiler *c, FuncState *f, Name name)
{
    for (int i = f->nlocals - 1; i >= 0; i--) {
        if (names_equal(f->locals[i].name, name)) {
            if (f->locals[i].depth == -1)
                error(c, "cannot read '%.*s' in its own initializer", name.len, name.s);
            return i;
        }
    }
    return -1;
}

static int add_upval(Compiler *c, FuncState *f, int index, bool is_local)
{
    int n = f->fn->nupvals;
    for (int i = 0; i < n; i++)
        if (f->upvals[i].index == index && f->upvals[i].is_local == is_local)
            return i;
    if (n == MAX_UPVALS)
        error(c, "too many captured variables in one function");
    f->upvals[n].index = (uint8_t)index;
    f->upvals[n].is_local = is_local;
    return f->fn->nupvals++;
}

static int resolve_upval(Compiler *c, FuncState *f, Name name)
{
    if (f->enclosing == NULL)
        return -1;
    int local = resolve_local(c, f->enclosing, name);
    if (local >= 0) {
        f->enclosing->locals[local].captured = true;
        return add_upval(c, f, local, true);
    }
    int up = resolve_upval(c, f->enclosing, name);
    if (up >= 0)
        return add_upval(c, f, up, false);
    return -1;
}

static void emit_get_var(Compiler *c, Name name)
{
    int i = resolve_local(c, c->f, name);
    if (i >= 0) {
        emit_op(c, OP_GET_LOCAL, +1);
        emit_byte(c, i);
    } else if ((i = resolve_upval(c, c->f, name)) >= 0) {
        emit_op(c, OP_GET_UPVAL, +1);
        emit_byte(c, i);
    } else {
        int k = name_const(c, name);
        emit_op(c, OP_GET_GLOBAL, +1);
        emit_short(c, k);
    }
}

static void emit_set_var(Compiler *c, Name name)
{
    int i = resolve_local(c, c->f, name);
    if (i >= 0) {
        emit_op(c, OP_SET_LOCAL, 0);
        emit_byte(c, i);
    } else if ((i = resolve_upval(c, c->f, name)) >= 0) {
        emit_op(c, OP_SET_UPVAL, 0);
        emit_byte(c, i);
    } else {
        int k = name_const(c, name);
        emit_op(c, OP_SET_GLOBAL, 0);
        emit_short(c, k);
    }
}

static bool at_global_scope(const Compiler *c)
{
    return c->f->is_script && c->f->scope_depth == 0;
}

/* ---- expressions ------------------------------------------------------ */

static void expr(Compiler *c, Node *n);
static void stmt(Compiler *c, Node *n);

static OpCode arith_op(TokType t)
{
    switch (t) {
    case T_PLUS:
    case T_PLUS_EQ:
        return OP_ADD;
    case T_MINUS:
    case T_MINUS_EQ:
        return OP_SUB;
    case T_STAR:
    case T_STAR_EQ:
        return OP_MUL;
    case T_SLASH:
    case T_SLASH_EQ:
        return OP_DIV;
    case T_PERCENT:
    case T_PERCENT_EQ:
        return OP_MOD;
    case T_EQ_EQ:
        return OP_EQ;
    case T_BANG_EQ:
        return OP_NE;
    case T_LT:
        return OP_LT;
    case T_LE:
        return OP_LE;
    case T_GT:
        return OP_GT;
    case T_GE:
        return OP_GE;
    default:
        return OP__COUNT;
    }
}

static void function(Compiler *c, Node *n)
{
    FuncState fs;
    fs.enclosing = c->f;
    fs.fn = function_new(c->vm);
    fs.nlocals = 0;
    fs.scope_depth = 0;
    fs.depth = 0;
    fs.loop = NULL;
    fs.is_script = false;
    Name name = n->u.func.name;
    fs.fn->name =
        name.s ? str_copy(c->vm, name.s, (size_t)name.len) : str_cstr(c->vm, "<anonymous>");
    c->f = &fs;

    /* slot 0: the closure being called */
    Name none = {"", 0};
    fs.locals[0].name = none;
    fs.locals[0].depth = 0;
    fs.locals[0].captured = false;
    fs.nlocals = 1;
    adjust(c, 1);

    begin_scope(c);
    NodeList *params = &n->u.func.params;
    for (int i = 0; i < params->count; i++) {
        c->line = params->items[i]->line;
        declare_local(c, params->items[i]->u.str);
        mark_initialized(c);
        adjust(c, 1);
    }
    fs.fn->arity = params->count;
    NodeList *body = &n->u.func.body->u.list;
    for (int i = 0; i < body->count; i++)
        stmt(c, body->items[i]);
    emit_op(c, OP_NIL, +1);
    emit_op(c, OP_RETURN, -1);

    c->f = fs.enclosing;
    c->line = n->line;
    int k = add_const(c, OBJ_VAL(fs.fn));
    emit_op(c, OP_CLOSURE, +1);
    emit_short(c, k);
    for (int i = 0; i < fs.fn->nupvals; i++) {
        emit_byte(c, fs.upvals[i].is_local ? 1 : 0);
        emit_byte(c, fs.upvals[i].index);
    }
}

static void assignment(Compiler *c, Node *n)
{
    Node *target = n->u.op.a, *value = n->u.op.b;
    bool compound = n->u.op.op != T_EQ;
    OpCode op = arith_op(n->u.op.op);
    switch (target->kind) {
    case N_IDENT:
        if (compound)
            emit_get_var(c, target->u.str);
        expr(c, value);
        if (compound)
            emit_op(c, op, -1);
        emit_set_var(c, target->u.str);
        break;
    case N_INDEX:
        expr(c, target->u.op.a);
        expr(c, target->u.op.b);
        if (compound) {
            emit_op(c, OP_DUP2, +2);
            emit_op(c, OP_GET_INDEX, -1);
        }
        expr(c, value);
        if (compound)
            emit_op(c, op, -1);
        c->line = n->line;
        emit_op(c, OP_SET_INDEX, -2);
        break;
    case N_FIELD: {
        expr(c, target->u.field.obj);
        int k = name_const(c, target->u.field.name);
        if (compound) {
            emit_op(c, OP_DUP, +1);
            emit_op(c, OP_GET_FIELD, 0);
            emit_short(c, k);
        }
        expr(c, value);
        if (compound)
            emit_op(c, op, -1);
        c->line = n->line;
        emit_op(c, OP_SET_FIELD, -1);
        emit_short(c, k);
        break;
    }
    default:
        error(c, "invalid assignment target");
    }
}

static void expr(Compiler *c, Node *n)
{
    int saved_line = c->line;
    c->line = n->line;
    switch (n->kind) {
    case N_NUM:
        emit_const(c, NUM_VAL(n->u.num));
        break;
    case N_STR:
        emit_const(c, OBJ_VAL(str_copy(c->vm, n->u.str.s, (size_t)n->u.str.len)));
        break;
    case N_NIL:
        emit_op(c, OP_NIL, +1);
        break;
    case N_TRUE:
        emit_op(c, OP_TRUE, +1);
        break;
    case N_FALSE:
        emit_op(c, OP_FALSE, +1);
        break;
    case N_IDENT:
        emit_get_var(c, n->u.str);
        break;
    case N_ARRAY:
        emit_op(c, OP_ARRAY, +1);
        for (int i = 0; i < n->u.list.count; i++) {
            expr(c, n->u.list.items[i]);
            emit_op(c, OP_APPEND, -1);
        }
        break;
    case N_TABLE:
        emit_op(c, OP_TABLE, +1);
        for (int i = 0; i < n->u.table.keys.count; i++) {
            expr(c, n->u.table.keys.items[i]);
            expr(c, n->u.table.values.items[i]);
            c->line = n->u.table.keys.items[i]->line;
            emit_op(c, OP_TABLE_SET, -2);
        }
        break;
    case N_FUNC:
        function(c, n);
        break;
    case N_UNARY:
        expr(c, n->u.op.a);
        c->line = n->line;
        emit_op(c, n->u.op.op == T_MINUS ? OP_NEG : OP_NOT, 0);
        break;
    case N_BINARY: {
        OpCode op = arith_op(n->u.op.op);
        Node *b = n->u.op.b;
        expr(c, n->u.op.a);
        if ((op == OP_ADD || op == OP_SUB) && b->kind == N_NUM) {
            int k = add_const(c, NUM_VAL(b->u.num));
            c->line = n->line;
            emit_op(c, op == OP_ADD ? OP_ADDK : OP_SUBK, 0);
            emit_short(c, k);
            break;
        }
        expr(c, b);
        c->line = n->line;
        emit_op(c, op, -1);
        break;
    }
    case N_AND:
    case N_OR: {
        expr(c, n->u.op.a);
        int j = emit_jump(c, n->kind == N_AND ? OP_AND : OP_OR, 0);
        adjust(c, -1); /* the left value is popped when not short-circuiting */
        expr(c, n->u.op.b);
        patch_jump(c, j);
        break;
    }
    case N_ASSIGN:
        assignment(c, n);
        break;
    case N_CALL: {
        expr(c, n->u.call.callee);
        int argc = n->u.call.args.count;
        for (int i = 0; i < argc; i++)
            expr(c, n->u.call.args.items[i]);
        c->line = n->line;
        emit_op(c, OP_CALL, -argc);
        emit_byte(c, argc);
        break;
    }
    case N_INDEX:
        expr(c, n->u.op.a);
        expr(c, n->u.op.b);
        c->line = n->line;
        emit_op(c, OP_GET_INDEX, -1);
        break;
    case N_FIELD: {
        expr(c, n->u.field.obj);
        int k = name_const(c, n->u.field.name);
        c->line = n->line;
        emit_op(c, OP_GET_FIELD, 0);
        emit_short(c, k);
        break;
    }
    default:
        error(c, "internal error: unexpected node kind %d in expression", (int)n->kind);
    }
    c->line = saved_line;
}

/* ---- statements ------------------------------------------------------- */

static void block_body(Compiler *c, Node *n)
{
    begin_scope(c);
    for (int i = 0; i < n->u.list.count; i++)
        stmt(c, n->u.list.items[i]);
    end_scope(c);
}

static void push_loop(Compiler *c, Loop *loop, int continue_target)
{
    memset(loop, 0, sizeof *loop);
    loop->enclosing = c->f->loop;
    loop->scope_depth = c->f->scope_depth;
    loop->continue_target = continue_target;
    c->f->loop = loop;
}

static void pop_loop(Compiler *c, Loop *loop)
{
    jumps_patch(c, &loop->breaks);
    c->f->loop = loop->enclosing;
}

static void for_in(Compiler *c, Node *n)
{
    begin_scope(c);
    expr(c, n->u.forin.iter);
    Name hidden_iter = {" iter", 5}, hidden_pos = {" pos", 4};
    int slot = declare_local(c, hidden_iter);
    mark_initialized(c);
    emit_const(c, NUM_VAL(0));
    declare_local(c, hidden_pos);
    mark_initialized(c);
    emit_op(c, OP_NIL, +1);
    declare_local(c, n->u.forin.var);
    mark_initialized(c);

    Loop loop;
    int start = (int)cur_chunk(c)->count;
    push_loop(c, &loop, start);
    emit_op(c, OP_ITER, 0);
    emit_byte(c, slot);
    emit_short(c, 0xffff);
    int exit_jump = (int)cur_chunk(c)->count - 2;
    block_body(c, n->u.forin.body);
    emit_loop(c, start);
    patch_jump(c, exit_jump);
    pop_loop(c, &loop);
    end_scope(c);
}

static void stmt(Compiler *c, Node *n)
{
    c->line = n->line;
    switch (n->kind) {
    case N_LET:
        if (at_global_scope(c)) {
            if (n->u.let.init)
                expr(c, n->u.let.init);
            else
                emit_op(c, OP_NIL, +1);
            int k = name_const(c, n->u.let.name);
            emit_op(c, OP_DEF_GLOBAL, -1);
            emit_short(c, k);
        } else {
            declare_local(c, n->u.let.name);
            if (n->u.let.init)
                expr(c, n->u.let.init);
            else
                emit_op(c, OP_NIL, +1);
            mark_initialized(c);
        }
        break;
    case N_FNDECL:
        if (at_global_scope(c)) {
            function(c, n);
            int k = name_const(c, n->u.func.name);
            emit_op(c, OP_DEF_GLOBAL, -1);
            emit_short(c, k);
        } else {
            declare_local(c, n->u.func.name);
            mark_initialized(c); /* allows recursion */
            function(c, n);
        }
        break;
    case N_EXPR:
        expr(c, n->u.expr);
        emit_op(c, OP_POP, -1);
        break;
    case N_BLOCK:
        block_body(c, n);
        break;
    case N_IF: {
        expr(c, n->u.if_.cond);
        int skip_then = emit_jump(c, OP_JUMP_IF_FALSE, -1);
        stmt(c, n->u.if_.then);
        if (n->u.if_.els) {
            int skip_else = emit_jump(c, OP_JUMP, 0);
            patch_jump(c, skip_then);
            stmt(c, n->u.if_.els);
            patch_jump(c, skip_else);
        } else {
            patch_jump(c, skip_then);
        }
        break;
    }
    case N_WHILE: {
        Loop loop;
        int start = (int)cur_chunk(c)->count;
        push_loop(c, &loop, start);
        expr(c, n->u.loop.cond);
        int exit_jump = emit_jump(c, OP_JUMP_IF_FALSE, -1);
        stmt(c, n->u.loop.body);
        emit_loop(c, start);
        patch_jump(c, exit_jump);
        pop_loop(c, &loop);
        break;
    }
    case N_FOR: {
        begin_scope(c);
        if (n->u.loop.init)
            stmt(c, n->u.loop.init);
        Loop loop;
        int start = (int)cur_chunk(c)->count;
        push_loop(c, &loop, -1);
        int exit_jump = -1;
        if (n->u.loop.cond) {
            expr(c, n->u.loop.cond);
            exit_jump = emit_jump(c, OP_JUMP_IF_FALSE, -1);
        }
        stmt(c, n->u.loop.body);
        loop.continue_target = (int)cur_chunk(c)->count;
        jumps_patch(c, &loop.continues);
        if (n->u.loop.step) {
            expr(c, n->u.loop.step);
            emit_op(c, OP_POP, -1);
        }
        emit_loop(c, start);
        if (exit_jump >= 0)
            patch_jump(c, exit_jump);
        pop_loop(c, &loop);
        end_scope(c);
        break;
    }
    case N_FORIN:
        for_in(c, n);
        break;
    case N_RETURN:
        if (c->f->is_script)
            error(c, "'return' outside of a function");
        if (n->u.expr)
            expr(c, n->u.expr);
        else
            emit_op(c, OP_NIL, +1);
        emit_op(c, OP_RETURN, -1);
        break;
    case N_BREAK: {
        Loop *loop = c->f->loop;
        if (!loop)
            error(c, "'break' outside of a loop");
        discard_locals(c, loop->scope_depth);
        jumps_add(c, &loop->breaks, emit_jump(c, OP_JUMP, 0));
        break;
    }
    case N_CONTINUE: {
        Loop *loop = c->f->loop;
        if (!loop)
            error(c, "'continue' outside of a loop");
        discard_locals(c, loop->scope_depth);
        if (loop->continue_target >= 0)
            emit_loop(c, loop->continue_target);
        else
            jumps_add(c, &loop->continues, emit_jump(c, OP_JUMP, 0));
        break;
    }
    default:
        error(c, "internal error: unexpected node kind %d in statement", (int)n->kind);
    }
}

ObjFunction *compile(VM *vm, Node *program, const char *name, Arena *arena)
{
    Compiler c;
    FuncState fs;
    c.vm = vm;
    c.arena = arena;
    c.name = name;
    c.line = 1;
    fs.enclosing = NULL;
    fs.fn = function_new(vm);
    fs.nlocals = 1;
    fs.locals[0].name.s = "";
    fs.locals[0].name.len = 0;
    fs.locals[0].depth = 0;
    fs.locals[0].captured = false;
    fs.scope_depth = 0;
    fs.depth = 0;
    fs.loop = NULL;
    fs.is_script = true;
    c.f = &fs;
    if (setjmp(c.jb) != 0)
        return NULL;
    adjust(&c, 1);
    for (int i = 0; i < program->u.list.count; i++)
        stmt(&c, program->u.list.items[i]);
    emit_op(&c, OP_NIL, +1);
    emit_op(&c, OP_RETURN, -1);
    return fs.fn;
}
