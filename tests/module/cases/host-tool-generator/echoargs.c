/* Writes its arguments after the first, one per line in brackets, to argv[1]. */
#include <stdio.h>

int main(int argc, char **argv)
{
    if (argc < 2)
        return 2;
    FILE *f = fopen(argv[1], "w");
    if (!f)
        return 1;
    fprintf(f, "%d\n", argc - 2);
    for (int i = 2; i < argc; i++)
        fprintf(f, "[%s]\n", argv[i]);
    return fclose(f) != 0;
}
