/* SPDX-License-Identifier: MIT */
/* ast.h - syntax tree produced by the parser, consumed by the compiler.
 *
 * All nodes live in an Arena that is released in one go after compilation
 * (or after a syntax error), so the tree needs no per-node cleanup. */
#ifndef INTERP_AST_H
#define INTERP_AST_H

#include <stddef.h>
#include <stdio.h>

#include "lexer.h"

typedef struct ArenaBlock ArenaBlock;
typedef struct {
    ArenaBlock *head;
} Arena;

void arena_init(Arena *a);
void *arena_alloc(Arena *a, size_t size);
void arena_free(Arena *a);

typedef enum {
    /* expressions */
    N_NUM,
    N_STR,
    N_NIL,
    N_TRUE,
    N_FALSE,
    N_IDENT,
    N_ARRAY,
    N_TABLE,
    N_FUNC,
    N_UNARY,
    N_BINARY,
    N_AND,
    N_OR,
    N_ASSIGN,
    N_CALL,
    N_INDEX,
    N_FIELD,
    /* statements */
    N_LET,
    N_FNDECL,
    N_EXPR,
    N_BLOCK,
    N_IF,
    N_WHILE,
    N_FOR,
    N_FORIN,
    N_RETURN,
    N_BREAK,
    N_CONTINUE
} NodeKind;

typedef struct Node Node;

typedef struct {
    Node **items;
    int count, cap;
} NodeList;

typedef struct {
    const char *s; /* not NUL terminated (points into the source or arena) */
    int len;
} Name;

struct Node {
    NodeKind kind;
    int line;
    union {
        double num;    /* N_NUM */
        Name str;      /* N_STR, N_IDENT */
        NodeList list; /* N_ARRAY, N_BLOCK */
        struct {
            NodeList keys, values;
        } table; /* N_TABLE */
        struct {
            Name name;
            NodeList params;
            Node *body;
        } func; /* N_FUNC, N_FNDECL */
        struct {
            TokType op;
            Node *a, *b;
        } op; /* unary, binary, and/or, assign, index */
        struct {
            Node *callee;
            NodeList args;
        } call; /* N_CALL */
        struct {
            Node *obj;
            Name name;
        } field; /* N_FIELD */
        struct {
            Name name;
            Node *init;
        } let; /* N_LET */
        struct {
            Node *cond, *then, *els;
        } if_; /* N_IF */
        struct {
            Node *init, *cond, *step, *body;
        } loop; /* N_WHILE, N_FOR */
        struct {
            Name var;
            Node *iter, *body;
        } forin;    /* N_FORIN */
        Node *expr; /* N_EXPR, N_RETURN */
    } u;
};

/* Parses a whole program into a N_BLOCK node; prints a diagnostic to err and
 * returns NULL on a syntax error. */
Node *parse_program(const char *src, const char *name, Arena *arena, FILE *err);

#endif
