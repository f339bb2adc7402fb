#include "store.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

TEST_CASE("store: set and get", "[store]")
{
    store::Store s;
    REQUIRE(s.run("set a 1; get a") == "ok 1");
    REQUIRE(s.run("get b") == "error: no b");
}

TEST_CASE("store: incr and del", "[store]")
{
    store::Store s;
    REQUIRE(s.run("incr n 2; incr n 40") == "2 42");
    REQUIRE(s.run("del n; del n") == "ok error: no n");
    REQUIRE(s.size() == 0);
}

TEST_CASE("store: keys", "[store]")
{
    store::Store s;
    s.run("set b 2; set a 1; set c 3");
    SECTION("sorted") { REQUIRE(s.run("keys") == "a,b,c"); }
    SECTION("after del") { REQUIRE(s.run("del b; keys") == "ok a,c"); }
}

// The training's load: many command lines through the store.
TEST_CASE("store: workload", "[store][load]")
{
    store::Store s;
    for (int i = 0; i < 20000; i++) {
        std::string k = "k" + std::to_string(i % 53);
        s.run("incr " + k + " 1; get " + k + "; set tmp " + k + "; del tmp");
    }
    REQUIRE(s.size() == 53);
    REQUIRE(s.run("get k0") == "378");
}

TEST_CASE("text: split", "[text]")
{
    REQUIRE(store::split("a,b,,c", ',') == std::vector<std::string>{"a", "b", "", "c"});
}

TEST_CASE("text: join and trim", "[text]")
{
    std::vector<int> v{1, 2, 3};
    REQUIRE(store::join(v.begin(), v.end(), "-") == "1-2-3");
    REQUIRE(store::trim("  x y \t") == "x y");
}
