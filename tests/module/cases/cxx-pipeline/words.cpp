#include <cstdlib>
#include <iostream>
#include <map>
#include <string>
std::map<std::string, int> count_words(int n);
int main(int argc, char **argv)
{
    auto seen = count_words(argc > 1 ? std::atoi(argv[1]) : 10);
    std::cout << seen.size() << "\n";
    return 0;
}
