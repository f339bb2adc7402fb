/* Writes table.c (argv[1]) and a depfile (argv[2]) naming it. */
#include <stdio.h>

int main(int argc, char **argv)
{
    if (argc != 3)
        return 2;
    FILE *f = fopen(argv[1], "w");
    if (!f)
        return 1;
    fputs("const int table[4] = {3, 1, 4, 1};\n", f);
    if (fclose(f) != 0)
        return 1;
    FILE *d = fopen(argv[2], "w");
    if (!d)
        return 1;
    fprintf(d, "%s:\n", argv[1]);
    return fclose(d) != 0;
}
