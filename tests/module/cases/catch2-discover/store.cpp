#include "store.hpp"

#include <cstdlib>

namespace {

// One command, its words split off.
class Command {
public:
    explicit Command(const std::string &text)
    {
        for (const std::string &w : store::split(store::trim(text), ' '))
            if (!w.empty())
                words_.push_back(w);
    }

    const std::string &verb() const { return words_.empty() ? empty_ : words_[0]; }
    std::size_t arity() const { return words_.empty() ? 0 : words_.size() - 1; }
    const std::string &arg(std::size_t i) const { return words_.at(i + 1); }

private:
    std::vector<std::string> words_;
    std::string empty_;
};

std::string execute(const Command &c, std::map<std::string, std::string> &values)
{
    const std::string &verb = c.verb();
    if (verb == "set" && c.arity() == 2) {
        values[c.arg(0)] = c.arg(1);
        return "ok";
    }
    if (verb == "get" && c.arity() == 1) {
        auto it = values.find(c.arg(0));
        return it == values.end() ? "error: no " + c.arg(0) : it->second;
    }
    if (verb == "incr" && c.arity() == 2) {
        long v = std::strtol(values[c.arg(0)].c_str(), nullptr, 10);
        v += std::strtol(c.arg(1).c_str(), nullptr, 10);
        return values[c.arg(0)] = std::to_string(v);
    }
    if (verb == "del" && c.arity() == 1)
        return values.erase(c.arg(0)) ? "ok" : "error: no " + c.arg(0);
    if (verb == "keys" && c.arity() == 0) {
        std::vector<std::string> keys;
        for (const auto &kv : values)
            keys.push_back(kv.first);
        return store::join(keys.begin(), keys.end(), ",");
    }
    return "error: bad command '" + verb + "'";
}

} // namespace

namespace store {

std::vector<std::string> split(const std::string &text, char sep)
{
    std::vector<std::string> parts;
    std::string::size_type start = 0;
    while (true) {
        std::string::size_type at = text.find(sep, start);
        parts.push_back(text.substr(start, at - start));
        if (at == std::string::npos)
            return parts;
        start = at + 1;
    }
}

std::string Store::run(const std::string &line)
{
    std::vector<std::string> out;
    for (const std::string &part : split(line, ';'))
        if (!trim(part).empty())
            out.push_back(execute(Command(part), values_));
    return join(out.begin(), out.end(), " ");
}

} // namespace store
