#include "calc.hpp"

#include <cctype>
#include <cstdlib>
#include <stdexcept>

namespace {

// A recursive-descent parser over one program text.
class Parser {
public:
    Parser(const std::string &text, calc::Env &env) : text_(text), env_(env) {}

    double program()
    {
        double value = 0;
        while (true) {
            skip();
            if (pos_ == text_.size())
                return value;
            value = statement();
            skip();
            if (pos_ < text_.size() && text_[pos_] == ';')
                pos_++;
            else if (pos_ < text_.size())
                throw std::runtime_error("expected ';' at " + std::to_string(pos_));
        }
    }

private:
    void skip()
    {
        while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_])))
            pos_++;
    }

    double statement()
    {
        std::size_t start = pos_;
        std::string name = identifier();
        skip();
        if (!name.empty() && pos_ < text_.size() && text_[pos_] == '=') {
            pos_++;
            double v = expression();
            env_[name] = v;
            return v;
        }
        pos_ = start;
        return expression();
    }

    std::string identifier()
    {
        std::string name;
        if (pos_ < text_.size() && std::isalpha(static_cast<unsigned char>(text_[pos_])))
            while (pos_ < text_.size() && calc::is_word_char(text_[pos_]))
                name += text_[pos_++];
        return name;
    }

    double expression()
    {
        double v = term();
        for (skip(); pos_ < text_.size(); skip()) {
            char op = text_[pos_];
            if (op != '+' && op != '-')
                break;
            pos_++;
            double r = term();
            v = op == '+' ? v + r : v - r;
        }
        return v;
    }

    double term()
    {
        double v = factor();
        for (skip(); pos_ < text_.size(); skip()) {
            char op = text_[pos_];
            if (op != '*' && op != '/')
                break;
            pos_++;
            double r = factor();
            if (op == '/' && r == 0)
                throw std::runtime_error("division by zero");
            v = op == '*' ? v * r : v / r;
        }
        return v;
    }

    double factor()
    {
        skip();
        if (pos_ == text_.size())
            throw std::runtime_error("unexpected end");
        char c = text_[pos_];
        if (c == '(') {
            pos_++;
            double v = expression();
            skip();
            if (pos_ == text_.size() || text_[pos_] != ')')
                throw std::runtime_error("expected ')'");
            pos_++;
            return v;
        }
        if (c == '-') {
            pos_++;
            return -factor();
        }
        if (std::isdigit(static_cast<unsigned char>(c))) {
            const char *begin = text_.c_str() + pos_;
            char *end = nullptr;
            double v = std::strtod(begin, &end);
            pos_ += static_cast<std::size_t>(end - begin);
            return v;
        }
        std::string name = identifier();
        if (name.empty())
            throw std::runtime_error(std::string("unexpected '") + c + "'");
        auto it = env_.find(name);
        if (it == env_.end())
            throw std::runtime_error("unknown name " + name);
        return it->second;
    }

    const std::string &text_;
    calc::Env &env_;
    std::size_t pos_ = 0;
};

} // namespace

namespace calc {

double evaluate(const std::string &program, Env &env)
{
    return Parser(program, env).program();
}

std::map<std::string, int> word_counts(const std::string &text)
{
    std::map<std::string, int> counts;
    std::string word;
    for (char c : text) {
        if (is_word_char(c)) {
            word += lower(c);
        } else if (!word.empty()) {
            counts[word]++;
            word.clear();
        }
    }
    if (!word.empty())
        counts[word]++;
    return counts;
}

} // namespace calc
