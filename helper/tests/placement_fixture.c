/* SPDX-License-Identifier: MIT */
/* Functions in the sections a compiler uses when a profile placed them, for the ELF scan
 * unit test: 2 hot, 1 cold, 2 other, 2 split cold parts. */
__attribute__((section(".text.hot.x"))) int fixture_hot1(int x)
{
    return x + 1;
}

__attribute__((section(".text.hot"))) int fixture_hot2(int x)
{
    return x + 2;
}

__attribute__((section(".text.unlikely.y"))) int fixture_cold(int x)
{
    return x + 3;
}

/* A section whose name only starts like .text.hot: not placed by a profile. */
__attribute__((section(".text.hotpath"))) int fixture_other1(int x)
{
    return x + 4;
}

int fixture_other2(int x)
{
    return x + 5;
}

/* Parts split off by the compiler are named f.cold / f.cold.N. */
int fixture_part1(int x) __asm__("fixture.cold");
int fixture_part2(int x) __asm__("fixture.cold.1");

__attribute__((section(".text.unlikely"))) int fixture_part1(int x)
{
    return x + 6;
}

int fixture_part2(int x)
{
    return x + 7;
}
