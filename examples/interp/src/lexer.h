/* SPDX-License-Identifier: MIT */
/* lexer.h - tokens of the scripting language. */
#ifndef INTERP_LEXER_H
#define INTERP_LEXER_H

/* One token a line: clang-format would fold the list into a staircase. */
/* clang-format off */
#define TOKENS(X) \
    X(LPAREN, "'('") \
    X(RPAREN, "')'") \
    X(LBRACKET, "'['") \
    X(RBRACKET, "']'") \
    X(LBRACE, "'{'") \
    X(RBRACE, "'}'") \
    X(COMMA, "','") \
    X(DOT, "'.'") \
    X(SEMI, "';'") \
    X(COLON, "':'") \
    X(PLUS, "'+'") \
    X(MINUS, "'-'") \
    X(STAR, "'*'") \
    X(SLASH, "'/'") \
    X(PERCENT, "'%'") \
    X(PLUS_EQ, "'+='") \
    X(MINUS_EQ, "'-='") \
    X(STAR_EQ, "'*='") \
    X(SLASH_EQ, "'/='") \
    X(PERCENT_EQ, "'%='") \
    X(BANG, "'!'") \
    X(BANG_EQ, "'!='") \
    X(EQ, "'='") \
    X(EQ_EQ, "'=='") \
    X(LT, "'<'") \
    X(LE, "'<='") \
    X(GT, "'>'") \
    X(GE, "'>='") \
    X(AND, "'&&'") \
    X(OR, "'||'") \
    X(IDENT, "identifier") \
    X(STRING, "string") \
    X(NUMBER, "number") \
    X(LET, "'let'") \
    X(FN, "'fn'") \
    X(IF, "'if'") \
    X(ELSE, "'else'") \
    X(WHILE, "'while'") \
    X(FOR, "'for'") \
    X(IN, "'in'") \
    X(RETURN, "'return'") \
    X(BREAK, "'break'") \
    X(CONTINUE, "'continue'") \
    X(TRUE, "'true'") \
    X(FALSE, "'false'") \
    X(NIL, "'nil'") \
    X(EOF, "end of file") \
    X(ERROR, "invalid token")
/* clang-format on */

#define X(name, text) T_##name,
typedef enum { TOKENS(X) T__COUNT } TokType;
#undef X

typedef struct {
    TokType type;
    const char *start; /* for T_ERROR: the error message */
    int len;
    int line, col;
} Token;

typedef struct {
    const char *cur;
    const char *line_start;
    int line;
} Lexer;

void lexer_init(Lexer *lx, const char *src);
Token lexer_next(Lexer *lx);
const char *token_name(TokType t);

#endif
