/* SPDX-License-Identifier: MIT */
/*
 * parser.c - recursive descent parser for statements and a Pratt parser for
 * expressions.  The first syntax error aborts parsing via longjmp; all nodes
 * are arena allocated so nothing leaks.
 *
 *   program   := stmt* EOF
 *   stmt      := 'let' IDENT ('=' expr)? ';'
 *              | 'fn' IDENT '(' params ')' block
 *              | 'if' expr block ('else' (stmt_if | block))?
 *              | 'while' expr block
 *              | 'for' '(' init? ';' expr? ';' expr? ')' block
 *              | 'for' IDENT 'in' expr block
 *              | 'return' expr? ';' | 'break' ';' | 'continue' ';'
 *              | block | expr ';'
 */
#include "ast.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define MAX_NESTING 500

typedef struct {
    Lexer lx;
    Token cur, prev;
    Arena *arena;
    const char *name;
    FILE *err;
    jmp_buf jb;
    int depth;
} Parser;

typedef enum {
    P_NONE,
    P_ASSIGN, /* = += -= ... (right associative) */
    P_OR,     /* || */
    P_AND,    /* && */
    P_EQ,     /* == != */
    P_CMP,    /* < <= > >= */
    P_TERM,   /* + - */
    P_FACTOR, /* * / % */
    P_UNARY,  /* ! - */
    P_CALL    /* () [] . */
} Prec;

static void error_at(Parser *p, const Token *t, const char *fmt, ...)
{
    fprintf(p->err, "%s:%d:%d: syntax error: ", p->name, t->line, t->col);
    va_list ap;
    va_start(ap, fmt);
    vfprintf(p->err, fmt, ap);
    va_end(ap);
    if (t->type == T_EOF)
        fputs(" at end of file", p->err);
    else if (t->type != T_ERROR)
        fprintf(p->err, " near '%.*s'", t->len, t->start);
    fputc('\n', p->err);
    longjmp(p->jb, 1);
}

static void advance(Parser *p)
{
    p->prev = p->cur;
    p->cur = lexer_next(&p->lx);
    if (p->cur.type == T_ERROR)
        error_at(p, &p->cur, "%.*s", p->cur.len, p->cur.start);
}

static bool check(const Parser *p, TokType t)
{
    return p->cur.type == t;
}

static bool match(Parser *p, TokType t)
{
    if (!check(p, t))
        return false;
    advance(p);
    return true;
}

static void expect(Parser *p, TokType t, const char *context)
{
    if (!match(p, t))
        error_at(p, &p->cur, "expected %s %s", token_name(t), context);
}

static TokType peek_next(const Parser *p)
{
    Lexer copy = p->lx;
    return lexer_next(&copy).type;
}

static Node *node(Parser *p, NodeKind kind, int line)
{
    Node *n = arena_alloc(p->arena, sizeof(Node));
    memset(n, 0, sizeof *n);
    n->kind = kind;
    n->line = line;
    return n;
}

static void list_push(Parser *p, NodeList *l, Node *n)
{
    if (l->count == l->cap) {
        int cap = l->cap ? l->cap * 2 : 4;
        Node **items = arena_alloc(p->arena, (size_t)cap * sizeof(Node *));
        if (l->count)
            memcpy(items, l->items, (size_t)l->count * sizeof(Node *));
        l->items = items;
        l->cap = cap;
    }
    l->items[l->count++] = n;
}

static Name name_of(const Token *t)
{
    Name n = {t->start, t->len};
    return n;
}

static Node *expression(Parser *p);
static Node *parse_prec(Parser *p, Prec min);
static Node *block(Parser *p);
static Node *statement(Parser *p);

/* ---- literals --------------------------------------------------------- */

static Node *number_literal(Parser *p, const Token *t)
{
    char buf[64];
    if (t->len >= (int)sizeof buf)
        error_at(p, t, "number literal too long");
    memcpy(buf, t->start, (size_t)t->len);
    buf[t->len] = '\0';
    Node *n = node(p, N_NUM, t->line);
    if (t->len > 2 && (buf[1] == 'x' || buf[1] == 'X'))
        n->u.num = (double)strtoull(buf + 2, NULL, 16);
    else
        n->u.num = strtod(buf, NULL);
    return n;
}

static int hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static Node *string_literal(Parser *p, const Token *t)
{
    const char *s = t->start + 1;
    int n = t->len - 2;
    char *out = arena_alloc(p->arena, (size_t)n + 1);
    int len = 0;
    for (int i = 0; i < n; i++) {
        char c = s[i];
        if (c != '\\') {
            out[len++] = c;
            continue;
        }
        c = s[++i];
        switch (c) {
        case 'n':
            out[len++] = '\n';
            break;
        case 't':
            out[len++] = '\t';
            break;
        case 'r':
            out[len++] = '\r';
            break;
        case '0':
            out[len++] = '\0';
            break;
        case '\\':
            out[len++] = '\\';
            break;
        case '"':
            out[len++] = '"';
            break;
        case 'x': {
            int hi = i + 1 < n ? hex_digit(s[i + 1]) : -1;
            int lo = i + 2 < n ? hex_digit(s[i + 2]) : -1;
            if (hi < 0 || lo < 0)
                error_at(p, t, "invalid \\x escape in string");
            out[len++] = (char)(hi * 16 + lo);
            i += 2;
            break;
        }
        default:
            error_at(p, t, "invalid escape sequence '\\%c' in string", c);
        }
    }
    out[len] = '\0';
    Node *node_ = node(p, N_STR, t->line);
    node_->u.str.s = out;
    node_->u.str.len = len;
    return node_;
}

static Node *array_literal(Parser *p, int line)
{
    Node *n = node(p, N_ARRAY, line);
    while (!check(p, T_RBRACKET)) {
        list_push(p, &n->u.list, expression(p));
        if (!match(p, T_COMMA))
            break;
    }
    expect(p, T_RBRACKET, "after array elements");
    return n;
}

/* { name: v, "str": v, 42: v, [expr]: v } */
static Node *table_literal(Parser *p, int line)
{
    Node *n = node(p, N_TABLE, line);
    while (!check(p, T_RBRACE)) {
        Node *key;
        if (match(p, T_IDENT)) {
            key = node(p, N_STR, p->prev.line);
            key->u.str = name_of(&p->prev);
        } else if (match(p, T_STRING)) {
            key = string_literal(p, &p->prev);
        } else if (match(p, T_NUMBER)) {
            key = number_literal(p, &p->prev);
        } else if (match(p, T_LBRACKET)) {
            key = expression(p);
            expect(p, T_RBRACKET, "after computed table key");
        } else {
            error_at(p, &p->cur, "expected table key");
            return NULL; /* not reached */
        }
        expect(p, T_COLON, "after table key");
        list_push(p, &n->u.table.keys, key);
        list_push(p, &n->u.table.values, expression(p));
        if (!match(p, T_COMMA))
            break;
    }
    expect(p, T_RBRACE, "after table entries");
    return n;
}

/* Parses "(params) { body }" after 'fn' [name]. */
static Node *function_rest(Parser *p, NodeKind kind, Name name, int line)
{
    Node *n = node(p, kind, line);
    n->u.func.name = name;
    expect(p, T_LPAREN, "to start parameter list");
    while (!check(p, T_RPAREN)) {
        expect(p, T_IDENT, "as parameter name");
        Node *param = node(p, N_IDENT, p->prev.line);
        param->u.str = name_of(&p->prev);
        list_push(p, &n->u.func.params, param);
        if (!match(p, T_COMMA))
            break;
    }
    expect(p, T_RPAREN, "after parameters");
    if (n->u.func.params.count > 255)
        error_at(p, &p->prev, "too many parameters");
    n->u.func.body = block(p);
    return n;
}

/* ---- expressions ------------------------------------------------------ */

static Prec infix_prec(TokType t)
{
    switch (t) {
    case T_EQ:
    case T_PLUS_EQ:
    case T_MINUS_EQ:
    case T_STAR_EQ:
    case T_SLASH_EQ:
    case T_PERCENT_EQ:
        return P_ASSIGN;
    case T_OR:
        return P_OR;
    case T_AND:
        return P_AND;
    case T_EQ_EQ:
    case T_BANG_EQ:
        return P_EQ;
    case T_LT:
    case T_LE:
    case T_GT:
    case T_GE:
        return P_CMP;
    case T_PLUS:
    case T_MINUS:
        return P_TERM;
    case T_STAR:
    case T_SLASH:
    case T_PERCENT:
        return P_FACTOR;
    case T_LPAREN:
    case T_LBRACKET:
    case T_DOT:
        return P_CALL;
    default:
        return P_NONE;
    }
}

static Node *prefix(Parser *p)
{
    Token t = p->prev;
    switch (t.type) {
    case T_NUMBER:
        return number_literal(p, &t);
    case T_STRING:
        return string_literal(p, &t);
    case T_NIL:
        return node(p, N_NIL, t.line);
    case T_TRUE:
        return node(p, N_TRUE, t.line);
    case T_FALSE:
        return node(p, N_FALSE, t.line);
    case T_IDENT: {
        Node *n = node(p, N_IDENT, t.line);
        n->u.str = name_of(&t);
        return n;
    }
    case T_LPAREN: {
        Node *e = expression(p);
        expect(p, T_RPAREN, "after parenthesized expression");
        return e;
    }
    case T_LBRACKET:
        return array_literal(p, t.line);
    case T_LBRACE:
        return table_literal(p, t.line);
    case T_FN: {
        Name anon = {NULL, 0};
        return function_rest(p, N_FUNC, anon, t.line);
    }
    case T_MINUS:
    case T_BANG: {
        Node *operand = parse_prec(p, P_UNARY);
        if (t.type == T_MINUS && operand->kind == N_NUM) { /* fold -literal */
            operand->u.num = -operand->u.num;
            return operand;
        }
        Node *n = node(p, N_UNARY, t.line);
        n->u.op.op = t.type;
        n->u.op.a = operand;
        return n;
    }
    default:
        error_at(p, &t, "expected expression");
        return NULL; /* not reached */
    }
}

static Node *infix(Parser *p, Node *left, const Token *op)
{
    Prec prec = infix_prec(op->type);
    Node *n;
    switch (op->type) {
    case T_EQ:
    case T_PLUS_EQ:
    case T_MINUS_EQ:
    case T_STAR_EQ:
    case T_SLASH_EQ:
    case T_PERCENT_EQ:
        if (left->kind != N_IDENT && left->kind != N_INDEX && left->kind != N_FIELD)
            error_at(p, op, "invalid assignment target");
        n = node(p, N_ASSIGN, op->line);
        n->u.op.op = op->type;
        n->u.op.a = left;
        n->u.op.b = parse_prec(p, P_ASSIGN);
        return n;
    case T_AND:
    case T_OR:
        n = node(p, op->type == T_AND ? N_AND : N_OR, op->line);
        n->u.op.a = left;
        n->u.op.b = parse_prec(p, (Prec)(prec + 1));
        return n;
    case T_LPAREN:
        n = node(p, N_CALL, op->line);
        n->u.call.callee = left;
        while (!check(p, T_RPAREN)) {
            list_push(p, &n->u.call.args, expression(p));
            if (!match(p, T_COMMA))
                break;
        }
        expect(p, T_RPAREN, "after arguments");
        if (n->u.call.args.count > 255)
            error_at(p, &p->prev, "too many arguments");
        return n;
    case T_LBRACKET:
        n = node(p, N_INDEX, op->line);
        n->u.op.a = left;
        n->u.op.b = expression(p);
        expect(p, T_RBRACKET, "after index");
        return n;
    case T_DOT:
        expect(p, T_IDENT, "as field name after '.'");
        n = node(p, N_FIELD, op->line);
        n->u.field.obj = left;
        n->u.field.name = name_of(&p->prev);
        return n;
    default:
        n = node(p, N_BINARY, op->line);
        n->u.op.op = op->type;
        n->u.op.a = left;
        n->u.op.b = parse_prec(p, (Prec)(prec + 1));
        return n;
    }
}

static Node *parse_prec(Parser *p, Prec min)
{
    /* depth bounds the height of the tree (the compiler recurses over it), so
     * each link of a left-associative chain like a + b + c counts too */
    int saved_depth = p->depth;
    if (++p->depth > MAX_NESTING)
        error_at(p, &p->cur, "expression too long or too deeply nested");
    advance(p);
    Node *left = prefix(p);
    while (min <= infix_prec(p->cur.type)) {
        if (++p->depth > MAX_NESTING)
            error_at(p, &p->cur, "expression too long or too deeply nested");
        advance(p);
        Token op = p->prev;
        left = infix(p, left, &op);
    }
    p->depth = saved_depth;
    return left;
}

static Node *expression(Parser *p)
{
    return parse_prec(p, P_ASSIGN);
}

/* ---- statements ------------------------------------------------------- */

static Node *block(Parser *p)
{
    expect(p, T_LBRACE, "to start block");
    if (++p->depth > MAX_NESTING)
        error_at(p, &p->prev, "blocks nested too deeply");
    Node *n = node(p, N_BLOCK, p->prev.line);
    while (!check(p, T_RBRACE) && !check(p, T_EOF))
        list_push(p, &n->u.list, statement(p));
    expect(p, T_RBRACE, "to close block");
    p->depth--;
    return n;
}

static Node *let_statement(Parser *p, int line)
{
    expect(p, T_IDENT, "after 'let'");
    Node *n = node(p, N_LET, line);
    n->u.let.name = name_of(&p->prev);
    if (match(p, T_EQ))
        n->u.let.init = expression(p);
    expect(p, T_SEMI, "after variable declaration");
    return n;
}

static Node *expression_statement(Parser *p, int line)
{
    Node *n = node(p, N_EXPR, line);
    n->u.expr = expression(p);
    expect(p, T_SEMI, "after expression");
    return n;
}

static Node *if_statement(Parser *p, int line)
{
    Node *n = node(p, N_IF, line);
    n->u.if_.cond = expression(p);
    n->u.if_.then = block(p);
    if (match(p, T_ELSE)) {
        if (match(p, T_IF)) { /* else-if chains nest in the tree */
            if (++p->depth > MAX_NESTING)
                error_at(p, &p->prev, "too many else-if branches");
            n->u.if_.els = if_statement(p, p->prev.line);
            p->depth--;
        } else {
            n->u.if_.els = block(p);
        }
    }
    return n;
}

static Node *for_statement(Parser *p, int line)
{
    if (match(p, T_IDENT)) { /* for x in expr { } */
        Node *n = node(p, N_FORIN, line);
        n->u.forin.var = name_of(&p->prev);
        expect(p, T_IN, "after loop variable");
        n->u.forin.iter = expression(p);
        n->u.forin.body = block(p);
        return n;
    }
    expect(p, T_LPAREN, "or loop variable after 'for'");
    Node *n = node(p, N_FOR, line);
    if (match(p, T_LET))
        n->u.loop.init = let_statement(p, p->prev.line);
    else if (!match(p, T_SEMI))
        n->u.loop.init = expression_statement(p, p->cur.line);
    if (!check(p, T_SEMI))
        n->u.loop.cond = expression(p);
    expect(p, T_SEMI, "after loop condition");
    if (!check(p, T_RPAREN))
        n->u.loop.step = expression(p);
    expect(p, T_RPAREN, "after for clauses");
    n->u.loop.body = block(p);
    return n;
}

static Node *statement(Parser *p)
{
    int line = p->cur.line;
    if (match(p, T_LET))
        return let_statement(p, line);
    if (check(p, T_FN) && peek_next(p) == T_IDENT) {
        advance(p);
        advance(p);
        return function_rest(p, N_FNDECL, name_of(&p->prev), line);
    }
    if (match(p, T_IF))
        return if_statement(p, line);
    if (match(p, T_WHILE)) {
        Node *n = node(p, N_WHILE, line);
        n->u.loop.cond = expression(p);
        n->u.loop.body = block(p);
        return n;
    }
    if (match(p, T_FOR))
        return for_statement(p, line);
    if (match(p, T_RETURN)) {
        Node *n = node(p, N_RETURN, line);
        if (!check(p, T_SEMI))
            n->u.expr = expression(p);
        expect(p, T_SEMI, "after return value");
        return n;
    }
    if (match(p, T_BREAK)) {
        expect(p, T_SEMI, "after 'break'");
        return node(p, N_BREAK, line);
    }
    if (match(p, T_CONTINUE)) {
        expect(p, T_SEMI, "after 'continue'");
        return node(p, N_CONTINUE, line);
    }
    if (check(p, T_LBRACE))
        return block(p);
    return expression_statement(p, line);
}

Node *parse_program(const char *src, const char *name, Arena *arena, FILE *err)
{
    Parser p;
    lexer_init(&p.lx, src);
    p.arena = arena;
    p.name = name;
    p.err = err;
    p.depth = 0;
    if (setjmp(p.jb) != 0)
        return NULL;
    advance(&p);
    Node *prog = node(&p, N_BLOCK, 1);
    while (!check(&p, T_EOF))
        list_push(&p, &prog->u.list, statement(&p));
    return prog;
}
