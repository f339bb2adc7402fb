/* SPDX-License-Identifier: MIT */
/* lexer.c - converts source text to tokens on demand. */
#include "lexer.h"

#include <stdbool.h>
#include <string.h>

static const char *const token_names[] = {
#define X(name, text) text,
    TOKENS(X)
#undef X
};

const char *token_name(TokType t)
{
    return t < T__COUNT ? token_names[t] : "?";
}

void lexer_init(Lexer *lx, const char *src)
{
    lx->cur = src;
    lx->line_start = src;
    lx->line = 1;
}

static bool is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}
static bool is_hex(char c)
{
    return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static Token make(Lexer *lx, TokType type, const char *start)
{
    Token t;
    t.type = type;
    t.start = start;
    t.len = (int)(lx->cur - start);
    t.line = lx->line;
    t.col = (int)(start - lx->line_start) + 1;
    return t;
}

static Token error_token(Lexer *lx, const char *start, const char *msg)
{
    Token t = make(lx, T_ERROR, start);
    t.start = msg;
    t.len = (int)strlen(msg);
    return t;
}

static void newline(Lexer *lx)
{
    lx->line++;
    lx->line_start = lx->cur;
}

/* Skips blanks and comments; returns an error message for an unterminated
 * block comment, NULL otherwise. */
static const char *skip_space(Lexer *lx)
{
    for (;;) {
        char c = *lx->cur;
        if (c == ' ' || c == '\t' || c == '\r') {
            lx->cur++;
        } else if (c == '\n') {
            lx->cur++;
            newline(lx);
        } else if (c == '/' && lx->cur[1] == '/') {
            while (*lx->cur && *lx->cur != '\n')
                lx->cur++;
        } else if (c == '/' && lx->cur[1] == '*') {
            lx->cur += 2;
            while (!(lx->cur[0] == '*' && lx->cur[1] == '/')) {
                if (*lx->cur == '\0')
                    return "unterminated block comment";
                if (*lx->cur++ == '\n')
                    newline(lx);
            }
            lx->cur += 2;
        } else {
            return NULL;
        }
    }
}

static TokType keyword(const char *s, int len)
{
    static const struct {
        const char *word;
        TokType type;
    } words[] = {
        {"let", T_LET},     {"fn", T_FN},
        {"if", T_IF},       {"else", T_ELSE},
        {"while", T_WHILE}, {"for", T_FOR},
        {"in", T_IN},       {"return", T_RETURN},
        {"break", T_BREAK}, {"continue", T_CONTINUE},
        {"true", T_TRUE},   {"false", T_FALSE},
        {"nil", T_NIL},
    };
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if ((int)strlen(words[i].word) == len && memcmp(words[i].word, s, (size_t)len) == 0)
            return words[i].type;
    return T_IDENT;
}

static Token number(Lexer *lx, const char *start)
{
    if (start[0] == '0' && (lx->cur[0] == 'x' || lx->cur[0] == 'X')) {
        lx->cur++;
        if (!is_hex(*lx->cur))
            return error_token(lx, start, "malformed hexadecimal number");
        while (is_hex(*lx->cur))
            lx->cur++;
    } else {
        while (is_digit(*lx->cur))
            lx->cur++;
        if (lx->cur[0] == '.' && is_digit(lx->cur[1])) {
            lx->cur++;
            while (is_digit(*lx->cur))
                lx->cur++;
        }
        if (*lx->cur == 'e' || *lx->cur == 'E') {
            const char *p = lx->cur + 1;
            if (*p == '+' || *p == '-')
                p++;
            if (!is_digit(*p))
                return error_token(lx, start, "malformed number exponent");
            lx->cur = p;
            while (is_digit(*lx->cur))
                lx->cur++;
        }
    }
    if (is_alpha(*lx->cur))
        return error_token(lx, start, "malformed number");
    return make(lx, T_NUMBER, start);
}

static Token string(Lexer *lx, const char *start)
{
    int line = lx->line;
    const char *line_start = lx->line_start;
    while (*lx->cur != '"') {
        if (*lx->cur == '\0') {
            Token t = error_token(lx, start, "unterminated string");
            t.line = line;
            t.col = (int)(start - line_start) + 1;
            return t;
        }
        if (*lx->cur == '\\' && lx->cur[1] != '\0')
            lx->cur++;
        if (*lx->cur == '\n') {
            lx->cur++;
            newline(lx);
        } else {
            lx->cur++;
        }
    }
    lx->cur++;
    Token t = make(lx, T_STRING, start);
    t.line = line; /* report strings at their opening quote */
    t.col = (int)(start - line_start) + 1;
    return t;
}

Token lexer_next(Lexer *lx)
{
    const char *err = skip_space(lx);
    if (err)
        return error_token(lx, lx->cur, err);
    const char *start = lx->cur;
    char c = *lx->cur;
    if (c == '\0')
        return make(lx, T_EOF, start);
    lx->cur++;
    if (is_alpha(c)) {
        while (is_alpha(*lx->cur) || is_digit(*lx->cur))
            lx->cur++;
        return make(lx, keyword(start, (int)(lx->cur - start)), start);
    }
    if (is_digit(c))
        return number(lx, start);

#define TWO(next, yes, no)                                                                         \
    (*lx->cur == (next) ? (lx->cur++, make(lx, yes, start)) : make(lx, no, start))
    switch (c) {
    case '(':
        return make(lx, T_LPAREN, start);
    case ')':
        return make(lx, T_RPAREN, start);
    case '[':
        return make(lx, T_LBRACKET, start);
    case ']':
        return make(lx, T_RBRACKET, start);
    case '{':
        return make(lx, T_LBRACE, start);
    case '}':
        return make(lx, T_RBRACE, start);
    case ',':
        return make(lx, T_COMMA, start);
    case '.':
        return make(lx, T_DOT, start);
    case ';':
        return make(lx, T_SEMI, start);
    case ':':
        return make(lx, T_COLON, start);
    case '+':
        return TWO('=', T_PLUS_EQ, T_PLUS);
    case '-':
        return TWO('=', T_MINUS_EQ, T_MINUS);
    case '*':
        return TWO('=', T_STAR_EQ, T_STAR);
    case '/':
        return TWO('=', T_SLASH_EQ, T_SLASH);
    case '%':
        return TWO('=', T_PERCENT_EQ, T_PERCENT);
    case '!':
        return TWO('=', T_BANG_EQ, T_BANG);
    case '=':
        return TWO('=', T_EQ_EQ, T_EQ);
    case '<':
        return TWO('=', T_LE, T_LT);
    case '>':
        return TWO('=', T_GE, T_GT);
    case '&':
        if (*lx->cur == '&') {
            lx->cur++;
            return make(lx, T_AND, start);
        }
        break;
    case '|':
        if (*lx->cur == '|') {
            lx->cur++;
            return make(lx, T_OR, start);
        }
        break;
    case '"':
        return string(lx, start);
    default:
        break;
    }
#undef TWO
    return error_token(lx, start, "unexpected character");
}
