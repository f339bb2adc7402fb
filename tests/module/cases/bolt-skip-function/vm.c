#include <stdio.h>
#include <stdlib.h>

/* A tiny threaded-code loop: labels as values (a GNU extension both compilers have). */
__attribute__((noinline)) static long run(const unsigned char *code, long n)
{
    static void *const labels[] = {&&op_add, &&op_sub, &&op_mul, &&op_loop, &&op_end};
    long acc = 0, i = 0;
    int pc = 0;
#define NEXT goto *labels[code[pc++]]
    NEXT;
op_add:
    acc += i;
    NEXT;
op_sub:
    acc -= i / 3;
    NEXT;
op_mul:
    acc = (acc * 3) % 1000003;
    NEXT;
op_loop:
    if (++i < n)
        pc = 0;
    NEXT;
op_end:
    return acc;
}

int main(int argc, char **argv)
{
    static const unsigned char code[] = {0, 1, 2, 0, 3, 4};

    printf("%ld\n", run(code, argc > 1 ? atol(argv[1]) : 1000));
    return 0;
}
