#include <cstdlib>
#include <iostream>

long calc(long n);

int main(int argc, char **argv)
{
    std::cout << calc(argc > 1 ? std::atol(argv[1]) : 10) << '\n';
    return 0;
}
