#include <map>
#include <string>

namespace {
struct Counter {
    std::map<std::string, long> seen;
    long add(const std::string &word) { return ++seen[word]; }
};
} // namespace

long calc(long n)
{
    Counter c;
    long total = 0;
    for (long i = 0; i < n; i++)
        total += c.add(std::to_string(i % 97));
    return total;
}
