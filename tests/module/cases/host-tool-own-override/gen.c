/* Writes table.c (argv[1]). */
#include <stdio.h>

int main(int argc, char **argv)
{
    if (argc != 2)
        return 2;
    FILE *f = fopen(argv[1], "w");
    if (!f)
        return 1;
    fputs("const int table[2] = {2, 7};\n", f);
    return fclose(f) != 0;
}
