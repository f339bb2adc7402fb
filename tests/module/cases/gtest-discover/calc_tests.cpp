#include "calc.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

namespace {

double eval(const std::string &program)
{
    calc::Env env;
    return calc::evaluate(program, env);
}

} // namespace

TEST(Calc, Adds)
{
    EXPECT_DOUBLE_EQ(eval("1 + 2 + 3"), 6);
}

TEST(Calc, Precedence)
{
    EXPECT_DOUBLE_EQ(eval("2 + 3 * 4"), 14);
    EXPECT_DOUBLE_EQ(eval("(2 + 3) * 4"), 20);
    EXPECT_DOUBLE_EQ(eval("-2 * -3"), 6);
}

TEST(Calc, Variables)
{
    calc::Env env;
    EXPECT_DOUBLE_EQ(calc::evaluate("x = 4; y = x * x; y - x", env), 12);
    EXPECT_DOUBLE_EQ(env.at("y"), 16);
}

TEST(Calc, Errors)
{
    EXPECT_THROW(eval("1 / 0"), std::runtime_error);
    EXPECT_THROW(eval("nope + 1"), std::runtime_error);
}

// The training's load: many programs through the parser.
TEST(Calc, Workload)
{
    calc::Env env;
    double total = 0;
    for (int i = 0; i < 20000; i++) {
        std::string n = std::to_string(i % 97);
        total += calc::evaluate("a = " + n + " * 3 + 1; b = (a - 1) / 3; a - b * 3", env);
    }
    EXPECT_DOUBLE_EQ(total, 20000);
}

TEST(Words, Counts)
{
    auto counts = calc::word_counts("the cat and The hat; the end");
    EXPECT_EQ(counts.at("the"), 3);
    EXPECT_EQ(calc::top(counts, 1), std::vector<std::string>{"the"});
}

TEST(Words, Sum)
{
    EXPECT_EQ(calc::sum(std::vector<int>{1, 2, 3}), 6);
    EXPECT_DOUBLE_EQ(calc::sum(std::vector<double>{0.5, 0.25}), 0.75);
}
