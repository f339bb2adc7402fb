/* SPDX-License-Identifier: MIT */
/* ast.c - bump allocator for syntax tree nodes. */
#include "ast.h"

#include <stdalign.h>
#include <stdlib.h>

#define ARENA_BLOCK (64 * 1024)

struct ArenaBlock {
    ArenaBlock *next;
    size_t used, cap;
    max_align_t data[];
};

void arena_init(Arena *a)
{
    a->head = NULL;
}

void *arena_alloc(Arena *a, size_t size)
{
    size = (size + alignof(max_align_t) - 1) & ~(alignof(max_align_t) - 1);
    ArenaBlock *b = a->head;
    if (b == NULL || b->used + size > b->cap) {
        size_t cap = size > ARENA_BLOCK ? size : ARENA_BLOCK;
        b = malloc(sizeof(ArenaBlock) + cap);
        if (!b) {
            fputs("interp: out of memory\n", stderr);
            exit(71);
        }
        b->next = a->head;
        b->used = 0;
        b->cap = cap;
        a->head = b;
    }
    void *p = (char *)b->data + b->used;
    b->used += size;
    return p;
}

void arena_free(Arena *a)
{
    while (a->head) {
        ArenaBlock *next = a->head->next;
        free(a->head);
        a->head = next;
    }
}
