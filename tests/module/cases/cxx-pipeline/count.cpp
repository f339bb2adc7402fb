#include <map>
#include <string>
std::map<std::string, int> count_words(int n)
{
    std::map<std::string, int> seen;
    for (int i = 0; i < n; i++)
        seen["w" + std::to_string(i % 977)]++;
    return seen;
}
