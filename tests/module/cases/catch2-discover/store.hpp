// A key-value store driven by a line of commands ("set a 3; incr a 2; get a"),
// and text helpers.
#pragma once
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace store {

class Store {
public:
    // Runs the commands of line, separated by ';': set K V, get K, incr K N,
    // del K, keys.  Returns the output of each command, joined by ' '; an
    // unknown command or a missing key gives "error: ...".
    std::string run(const std::string &line);

    std::size_t size() const { return values_.size(); }

private:
    std::map<std::string, std::string> values_;
};

std::vector<std::string> split(const std::string &text, char sep);

template <class It>
std::string join(It begin, It end, const std::string &sep)
{
    std::ostringstream out;
    for (It it = begin; it != end; ++it) {
        if (it != begin)
            out << sep;
        out << *it;
    }
    return out.str();
}

inline std::string trim(const std::string &s)
{
    std::size_t b = s.find_first_not_of(" \t");
    if (b == std::string::npos)
        return "";
    std::size_t e = s.find_last_not_of(" \t");
    return s.substr(b, e - b + 1);
}

} // namespace store
