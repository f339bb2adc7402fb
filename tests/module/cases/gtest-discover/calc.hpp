// A small expression calculator with named variables, and word statistics.
#pragma once
#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace calc {

using Env = std::map<std::string, double>;

// Evaluates "a = 1 + 2 * b; a - 3": statements separated by ';', the value of
// the last one.  Throws std::runtime_error on a syntax error or an unknown name.
double evaluate(const std::string &program, Env &env);

// How often each word (letters and digits, lowercased) occurs in text.
std::map<std::string, int> word_counts(const std::string &text);

inline bool is_word_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

inline char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

// The n most frequent keys of counts, most frequent first (ties by key).
template <class Map>
std::vector<typename Map::key_type> top(const Map &counts, std::size_t n)
{
    std::vector<typename Map::key_type> keys;
    for (const auto &kv : counts)
        keys.push_back(kv.first);
    std::size_t k = n < keys.size() ? n : keys.size();
    for (std::size_t i = 0; i < k; i++)
        for (std::size_t j = i + 1; j < keys.size(); j++)
            if (counts.at(keys[j]) > counts.at(keys[i]))
                std::swap(keys[i], keys[j]);
    keys.resize(k);
    return keys;
}

template <class T>
T sum(const std::vector<T> &values)
{
    T total{};
    for (const T &v : values)
        total += v;
    return total;
}

} // namespace calc
