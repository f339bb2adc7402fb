/* SPDX-License-Identifier: MIT */
/* multitool.c - command line front end of the checksum and codec libraries.
 *
 *   multitool selftest            known-answer tests of every algorithm
 *   multitool sum <file>...       print CRC-32, CRC-32C, Adler-32, FNV-1a
 *   multitool roundtrip <file>    frame + base64 and back, verify
 *   multitool bench <rounds>      CPU-bound workload over both libraries
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checksum.h"
#include "codec.h"

static uint8_t *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0, got;
    uint8_t *buf = malloc(cap);
    while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            uint8_t *bigger = realloc(buf, cap *= 2);
            if (!bigger)
                free(buf);
            buf = bigger;
        }
    }
    fclose(f);
    *len = n;
    return buf;
}

static int check(const char *what, uint64_t got, uint64_t want)
{
    int ok = got == want;
    printf("%-28s %s (got %" PRIx64 ", want %" PRIx64 ")\n", what, ok ? "ok" : "FAILED", got, want);
    return ok;
}

static int selftest(void)
{
    const char *s = "123456789";
    int ok = 1;
    ok &= check("crc32(123456789)", crc32_update(0, s, 9), 0xcbf43926u);
    ok &= check("crc32c(123456789)", crc32c_update(0, s, 9), 0xe3069283u);
    ok &= check("crc32 incremental", crc32_update(crc32_update(0, s, 4), s + 4, 5), 0xcbf43926u);
    ok &= check("adler32(Wikipedia)", adler32_update(1, "Wikipedia", 9), 0x11e60398u);
    ok &= check("fnv1a64(a)", fnv1a64("a", 1), 0xaf63dc4c8601ec8cull);

    char b64[64];
    size_t n = codec_base64_encode((const uint8_t *)"foobar", 6, b64, sizeof b64);
    ok &= check("base64(foobar) length", n, 8);
    ok &= check("base64(foobar)", n == 8 && memcmp(b64, "Zm9vYmFy", 8) == 0, 1);
    n = codec_base64_encode((const uint8_t *)"fo", 2, b64, sizeof b64);
    ok &= check("base64(fo)", n == 4 && memcmp(b64, "Zm8=", 4) == 0, 1);

    uint8_t raw[300], enc[400], dec[300];
    for (int i = 0; i < 300; i++)
        raw[i] = (uint8_t)(i < 200 ? 'x' : i);
    size_t e = codec_rle_encode(raw, sizeof raw, enc, sizeof enc);
    size_t d = codec_rle_decode(enc, e, dec, sizeof dec);
    ok &= check("rle round trip", d == sizeof raw && memcmp(raw, dec, d) == 0, 1);
    ok &= check("rle compresses runs", e < 120, 1);
    size_t f = codec_frame(raw, sizeof raw, enc, sizeof enc);
    enc[f - 1] ^= 1; /* corrupt the checksum */
    ok &= check("corrupt frame rejected", codec_unframe(enc, f, dec, sizeof dec) == CODEC_ERROR, 1);
    printf("codec %s: %s\n", codec_version(), ok ? "all tests passed" : "FAILURES");
    return ok ? 0 : 1;
}

static int sum_files(int argc, char **argv)
{
    int rc = 0;
    for (int i = 0; i < argc; i++) {
        size_t n;
        uint8_t *data = read_file(argv[i], &n);
        if (!data) {
            fprintf(stderr, "multitool: cannot read %s\n", argv[i]);
            rc = 1;
            continue;
        }
        printf("%s: size=%zu crc32=%08" PRIx32 " crc32c=%08" PRIx32 " adler32=%08" PRIx32
               " fnv1a64=%016" PRIx64 "\n",
               argv[i], n, crc32_update(0, data, n), crc32c_update(0, data, n),
               adler32_update(1, data, n), fnv1a64(data, n));
        free(data);
    }
    return rc;
}

/* frame -> base64 -> decode -> unframe; returns 0 if the data survives. */
static int roundtrip(const uint8_t *data, size_t n, size_t *framed_len, size_t *text_len)
{
    size_t fcap = n + n / 64 + 16, tcap = 4 * ((fcap + 2) / 3);
    uint8_t *framed = malloc(fcap), *back = malloc(fcap), *out = malloc(n ? n : 1);
    char *text = malloc(tcap);
    int rc = 1;
    if (framed && back && out && text) {
        size_t f = codec_frame(data, n, framed, fcap);
        size_t t = f == CODEC_ERROR ? CODEC_ERROR : codec_base64_encode(framed, f, text, tcap);
        size_t b = t == CODEC_ERROR ? CODEC_ERROR : codec_base64_decode(text, t, back, fcap);
        size_t o = b == CODEC_ERROR ? CODEC_ERROR : codec_unframe(back, b, out, n);
        rc = !(o == n && memcmp(out, data, n) == 0);
        *framed_len = f;
        *text_len = t;
    }
    free(framed);
    free(back);
    free(out);
    free(text);
    return rc;
}

static int roundtrip_file(const char *path)
{
    size_t n, f = 0, t = 0;
    uint8_t *data = read_file(path, &n);
    if (!data) {
        fprintf(stderr, "multitool: cannot read %s\n", path);
        return 1;
    }
    int rc = roundtrip(data, n, &f, &t);
    printf("%s: %zu bytes, frame %zu, base64 %zu: %s\n", path, n, f, t, rc ? "MISMATCH" : "ok");
    free(data);
    return rc;
}

/* Deterministic, partly compressible test data. */
static void fill(uint8_t *buf, size_t n, uint32_t seed)
{
    uint32_t x = seed * 2654435761u + 1;
    for (size_t i = 0; i < n;) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        size_t run = (x >> 24) % 8 == 0 ? 4 + (x >> 8) % 60 : 1;
        for (size_t k = 0; k < run && i < n; k++)
            buf[i++] = (uint8_t)(run > 1 ? 'a' + x % 26 : x);
    }
}

static int bench(long rounds)
{
    enum { SIZE = 16384 };
    static uint8_t data[SIZE];
    uint64_t digest = 0;
    size_t framed_total = 0;
    for (long r = 0; r < rounds; r++) {
        fill(data, SIZE, (uint32_t)r);
        digest = digest * 31 + crc32_update(0, data, SIZE);
        digest ^= (uint64_t)crc32c_update(0, data, SIZE) << 16;
        digest += adler32_update(1, data, SIZE) ^ fnv1a64(data, SIZE);
        size_t f, t;
        if (roundtrip(data, SIZE, &f, &t) != 0) {
            fprintf(stderr, "multitool: round trip failed in round %ld\n", r);
            return 1;
        }
        framed_total += f;
    }
    printf("rounds=%ld framed=%zu digest=%016" PRIx64 "\n", rounds, framed_total, digest);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "selftest") == 0)
        return selftest();
    if (argc >= 3 && strcmp(argv[1], "sum") == 0)
        return sum_files(argc - 2, argv + 2);
    if (argc == 3 && strcmp(argv[1], "roundtrip") == 0)
        return roundtrip_file(argv[2]);
    if (argc == 3 && strcmp(argv[1], "bench") == 0)
        return bench(strtol(argv[2], NULL, 10));
    fputs("usage: multitool selftest | sum <file>... | roundtrip <file> | bench <rounds>\n",
          stderr);
    return 2;
}
