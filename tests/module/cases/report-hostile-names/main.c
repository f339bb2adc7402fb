#include <stdio.h>
#include <stdlib.h>

int core_work(int n);

int main(int argc, char **argv)
{
    printf("%d\n", core_work(argc > 1 ? atoi(argv[1]) : 1000));
    return 0;
}
