/* SPDX-License-Identifier: MIT */
/* Pure parsers of profile files. Nothing here does I/O, so the unit tests can feed them
 * crafted bytes. */
#define _POSIX_C_SOURCE 200809L
#include "profile_formats.h"

#include "util.h"

#include <stdlib.h>
#include <string.h>

static uint64_t read_u64_le(const unsigned char *p)
{
    uint64_t v = 0;

    for (int i = 7; i >= 0; i--)
        v = (v << 8) | p[i];
    return v;
}

static uint64_t swap_u64(uint64_t v)
{
    uint64_t r = 0;

    for (int i = 0; i < 8; i++) {
        r = (r << 8) | (v & 0xff);
        v >>= 8;
    }
    return r;
}

int llvm_raw_version(const unsigned char *data, size_t n, uint32_t *version)
{
    uint64_t magic, word;

    if (n < 16)
        return -1;
    magic = read_u64_le(data);
    word = read_u64_le(data + 8);
    if (magic == swap_u64(LLVM_RAW_MAGIC)) /* written on a big-endian machine */
        word = swap_u64(word);
    else if (magic != LLVM_RAW_MAGIC)
        return -1;
    *version = (uint32_t)(word & 0xffffffffu);
    return 0;
}

uint32_t llvm_tool_raw_version(int major)
{
    /* From InstrProfData.inc of each release; 14 and 19 checked with real files. */
    static const struct {
        int major;
        uint32_t version;
    } table[] = {{14, 8}, {15, 8}, {16, 8}, {17, 9}, {18, 9}, {19, 10}, {20, 10}};

    for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++)
        if (table[i].major == major)
            return table[i].version;
    return 0;
}

int llvm_indexed_version(const unsigned char *data, size_t n, uint64_t *version, const char **why)
{
    uint64_t hash_offset;

    if (n == 0) {
        *why = "an empty file";
        return -1;
    }
    if (n < 8 || read_u64_le(data) != LLVM_INDEXED_MAGIC) {
        *why = "no indexed-profile magic";
        return -1;
    }
    if (n < LLVM_INDEXED_HEADER) {
        *why = "shorter than the header of an indexed profile";
        return -1;
    }
    *version = read_u64_le(data + 8) & UINT64_C(0x00ffffffffffffff);
    hash_offset = read_u64_le(data + 32);
    if (*version == 0) {
        *why = "format version 0";
        return -1;
    }
    if (hash_offset < LLVM_INDEXED_HEADER || hash_offset >= n) {
        *why = "truncated: its hash table lies outside the file";
        return -1;
    }
    return 0;
}

uint32_t llvm_tool_indexed_version(int major)
{
    /* Each checked with a real file: llvm-profdata-14, -19 and -22 merge. */
    static const struct {
        int major;
        uint32_t version;
    } table[] = {{14, 7}, {19, 12}, {22, 13}};

    for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++)
        if (table[i].major == major)
            return table[i].version;
    return 0;
}

int llvm_version_major(const char *text)
{
    static const char key[] = "LLVM version ";
    const char *p = strstr(text, key);
    char *end;
    long major;

    if (!p)
        return -1;
    p += sizeof(key) - 1;
    if (*p < '0' || *p > '9')
        return -1;
    major = strtol(p, &end, 10);
    if (major <= 0 || major > 1000)
        return -1;
    return (int)major;
}

/* States of the text profile parser: a record is a name line, "# Func Hash:", the hash,
 * "# Num Counters:", n, "# Counter Values:", n values, then whatever a later LLVM adds, up to
 * a blank line. */
enum text_state {
    T_NAME,
    T_HASH_LABEL,
    T_HASH,
    T_NUM_LABEL,
    T_NUM,
    T_VALUES_LABEL,
    T_VALUES,
    T_SKIP
};

/* The decimal number at the start of a line of len bytes, saturating at UINT64_MAX; *digits
 * says how many digits it had. Bounded by the line: strtoull would read past the last line of
 * a text without a NUL, and skip a newline as white space into the next line. */
static uint64_t line_number(const char *line, size_t len, size_t *digits)
{
    uint64_t v = 0;
    size_t i;

    for (i = 0; i < len && line[i] >= '0' && line[i] <= '9'; i++)
        v = v > (UINT64_MAX - 9) / 10 ? UINT64_MAX : v * 10 + (uint64_t)(line[i] - '0');
    *digits = i;
    return v;
}

void llvm_text_records(const char *text, size_t n,
                       void (*visit)(const struct llvm_text_record *record, void *ctx), void *ctx)
{
    enum text_state state = T_NAME;
    struct llvm_text_record rec = {NULL, 0, 0, 0, NULL, 0};
    uint64_t left = 0, *vals = NULL;
    size_t nvals = 0, capvals = 0;
    const char *end = text + n;

    for (const char *line = text; line < end;) {
        const char *nl = memchr(line, '\n', (size_t)(end - line));
        size_t len = nl ? (size_t)(nl - line) : (size_t)(end - line);
        const char *next = nl ? nl + 1 : end;
        size_t digits;

        if (len > 0 && line[len - 1] == '\r')
            len--;
        if (len == 0) {
            state = T_NAME; /* a record cut short by a blank line is left out */
            line = next;
            continue;
        }
        switch (state) {
        case T_NAME:
            /* Headers (":ir", ":fe", ":temporal_prof_traces") and comments come before. */
            if (line[0] != ':' && line[0] != '#') {
                rec.name = line;
                rec.name_len = len;
                state = T_HASH_LABEL;
            }
            break;
        case T_HASH_LABEL:
            state = len >= 11 && memcmp(line, "# Func Hash", 11) == 0 ? T_HASH : T_SKIP;
            break;
        case T_HASH:
            rec.hash = line_number(line, len, &digits);
            rec.cs = digits > 0 && (rec.hash & LLVM_CS_HASH_BIT) != 0;
            state = T_NUM_LABEL;
            break;
        case T_NUM_LABEL:
            state = len >= 14 && memcmp(line, "# Num Counters", 14) == 0 ? T_NUM : T_SKIP;
            break;
        case T_NUM:
            left = line_number(line, len, &digits);
            state = digits > 0 ? T_VALUES_LABEL : T_SKIP;
            break;
        case T_VALUES_LABEL:
            state = T_SKIP;
            if (len >= 16 && memcmp(line, "# Counter Values", 16) == 0) {
                nvals = 0;
                state = T_VALUES;
                if (left == 0) {
                    rec.counts = NULL;
                    rec.ncounts = 0;
                    visit(&rec, ctx);
                    state = T_SKIP;
                }
            }
            break;
        case T_VALUES:
            /* Counter values are unsigned 64-bit; a comment line takes a value's place. */
            if (line[0] != '#') {
                if (nvals == capvals) {
                    capvals = capvals ? capvals * 2 : 64;
                    vals = xrealloc(vals, capvals * sizeof(*vals));
                }
                vals[nvals++] = line_number(line, len, &digits);
            }
            if (--left == 0) {
                rec.counts = vals;
                rec.ncounts = nvals;
                visit(&rec, ctx);
                state = T_SKIP;
            }
            break;
        case T_SKIP:
            break;
        }
        line = next;
    }
    free(vals);
}

static uint64_t read_u64le(const unsigned char *p)
{
    uint64_t v = 0;

    for (int i = 7; i >= 0; i--)
        v = v << 8 | p[i];
    return v;
}

/* The summary follows the header, whose size grows with the format version: it is found by
 * its shape instead, six fields (LLVM's ProfileSummary::Summary::NumKinds) and up to 64
 * cutoff entries (cutoff, minimum count, number of counts), the cutoffs rising to at most a
 * million, and its counts consistent (the largest function entry and the largest block count
 * no larger than the total). The header's words are offsets into the file, a hash type of 0
 * or 1 and an unused 0: none has that shape. */
int llvm_indexed_summary(const unsigned char *data, size_t n, size_t *fields)
{
    uint64_t version;
    const char *why;

    if (llvm_indexed_version(data, n, &version, &why) < 0)
        return -1;
    if (read_u64le(data + 8) & (UINT64_C(1) << 57))
        return -1; /* a context-sensitive profile has a second summary: left alone */
    for (size_t at = LLVM_INDEXED_HEADER; at + 16 <= n && at <= LLVM_INDEXED_HEADER + 12 * 8;
         at += 8) {
        uint64_t nfields = read_u64le(data + at), nentries = read_u64le(data + at + 8);
        const unsigned char *f = data + at + 16;
        uint64_t last = 0;
        int ok = 1;

        if (nfields != 6 || nentries < 1 || nentries > 64 || n - at - 16 < 6 * 8 + nentries * 24)
            continue;
        if (read_u64le(f + 2 * 8) > read_u64le(f + 5 * 8) ||
            read_u64le(f + 3 * 8) > read_u64le(f + 5 * 8))
            continue;
        for (uint64_t e = 0; e < nentries && ok; e++) {
            uint64_t cutoff = read_u64le(f + 6 * 8 + e * 24);

            ok = cutoff > last && cutoff <= 1000000;
            last = cutoff;
        }
        if (ok) {
            *fields = at + 16;
            return 0;
        }
    }
    return -1;
}

/* A context-sensitive record repeats a function already counted by its plain record. */
static void count_record(const struct llvm_text_record *rec, void *ctx)
{
    struct profile_stats *st = ctx;
    int ran = 0;

    if (rec->cs) {
        st->cs++;
        return;
    }
    for (size_t i = 0; i < rec->ncounts && !ran; i++)
        ran = rec->counts[i] != 0;
    st->functions++;
    st->ran += ran;
}

void llvm_text_profile_count(const char *text, size_t n, struct profile_stats *st)
{
    llvm_text_records(text, n, count_record, st);
}

#define GCDA_MAGIC 0x67636461u
#define GCDA_TAG_FUNCTION 0x01000000u
#define GCDA_TAG_ARCS 0x01a10000u

uint32_t gcda_word(const unsigned char *p, int swap)
{
    uint32_t v;

    memcpy(&v, p, 4);
    if (swap)
        v = (v >> 24) | ((v >> 8) & 0xff00u) | ((v << 8) & 0xff0000u) | (v << 24);
    return v;
}

void gcda_functions_release(struct gcda_function *fns, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        free(fns[i].name);
        free(fns[i].arcs);
    }
    free(fns);
}

int gcda_functions(const unsigned char *data, size_t n, struct gcda_function **fns_out,
                   size_t *count_out, const char **why)
{
    struct gcda_function *fns = NULL, *cur = NULL;
    size_t count = 0, cap = 0, pos = 16;
    int swap;

    *fns_out = NULL;
    *count_out = 0;
    if (n < 16) {
        *why = "too short for a .gcda header";
        return -1;
    }
    if (gcda_word(data, 0) == GCDA_MAGIC)
        swap = 0;
    else if (gcda_word(data, 1) == GCDA_MAGIC)
        swap = 1;
    else {
        *why = "no 'gcda' magic";
        return -1;
    }
    while (pos < n) {
        uint32_t tag, length;
        int32_t slength;

        if (n - pos >= 4 && gcda_word(data + pos, swap) == 0)
            break;
        if (n - pos < 8) {
            *why = "truncated record header";
            gcda_functions_release(fns, count);
            return -1;
        }
        tag = gcda_word(data + pos, swap);
        length = gcda_word(data + pos + 4, swap);
        memcpy(&slength, &length, 4);
        pos += 8;
        if (slength < 0)
            length = 0; /* counters that are all zero, written without data */
        if (length > n - pos) {
            *why = "truncated record";
            gcda_functions_release(fns, count);
            return -1;
        }
        if (tag == GCDA_TAG_FUNCTION) {
            cur = NULL;
            if (length >= 12) { /* a length of 0 marks a function not emitted */
                if (count == cap) {
                    cap = cap ? cap * 2 : 16;
                    fns = xrealloc(fns, cap * sizeof(*fns));
                }
                cur = &fns[count++];
                memset(cur, 0, sizeof(*cur));
                cur->ident = gcda_word(data + pos, swap);
                cur->lineno_checksum = gcda_word(data + pos + 4, swap);
                cur->cfg_checksum = gcda_word(data + pos + 8, swap);
            }
        } else if (tag == GCDA_TAG_ARCS && cur) {
            cur->arcs = xrealloc(cur->arcs, (cur->narcs + length / 8 + 1) * sizeof(*cur->arcs));
            for (size_t i = 0; i + 8 <= length; i += 8) {
                uint64_t v = (uint64_t)gcda_word(data + pos + i, swap) |
                             (uint64_t)gcda_word(data + pos + i + 4, swap) << 32;

                cur->arcs[cur->narcs++] = v;
                cur->total += v;
                if (v > cur->max)
                    cur->max = v;
                cur->ran |= v != 0;
            }
        }
        pos += length;
    }
    *fns_out = fns;
    *count_out = count;
    return 0;
}

#define GCDA_TAG_IOR 0x01ad0000u

uint64_t gcda_compile_hash(const unsigned char *data, size_t n)
{
    uint64_t h = FNV1A64_INIT;
    size_t pos = 16;
    int swap;

    if (n < 16 || (gcda_word(data, 0) != GCDA_MAGIC && gcda_word(data, 1) != GCDA_MAGIC))
        return fnv1a64(h, data, n);
    swap = gcda_word(data, 0) != GCDA_MAGIC;
    h = fnv1a64(h, data, 8); /* the magic and the version; not the stamp nor the checksum */
    while (pos + 8 <= n) {
        uint32_t tag = gcda_word(data + pos, swap), length = gcda_word(data + pos + 4, swap);
        int32_t slength;

        memcpy(&slength, &length, 4);
        if (slength < 0 || tag == 0)
            length = 0;
        if (length > n - pos - 8)
            return fnv1a64(h, data + pos, n - pos);
        if (tag == GCDA_TAG_IOR) {
            /* The OR of the pointers a string operation was given: GCC reads only its lowest
             * set bit (the alignment), the rest moves with the addresses of each run. */
            h = fnv1a64(h, data + pos, 8);
            for (size_t i = 0; i + 8 <= length; i += 8) {
                uint64_t v = (uint64_t)gcda_word(data + pos + 8 + i, swap) |
                             (uint64_t)gcda_word(data + pos + 8 + i + 4, swap) << 32;

                v &= ~v + 1;
                h = fnv1a64(h, &v, sizeof(v));
            }
        } else {
            h = fnv1a64(h, data + pos, 8 + (size_t)length);
        }
        pos += 8 + (size_t)length;
    }
    return fnv1a64(h, data + pos, n - pos);
}

int gcda_count(const unsigned char *data, size_t n, struct profile_stats *st, const char **why)
{
    struct gcda_function *fns;
    size_t count;

    if (gcda_functions(data, n, &fns, &count, why) < 0)
        return -1;
    st->functions += count;
    for (size_t i = 0; i < count; i++)
        st->ran += fns[i].ran != 0;
    gcda_functions_release(fns, count);
    return 0;
}

char *gcda_name_for_object(const char *build_dir, const char *object)
{
    size_t blen = strlen(build_dir);
    const char *rel;
    char *name, *dot;

    while (blen > 1 && build_dir[blen - 1] == '/')
        blen--;
    if (blen == 1 && build_dir[0] == '/')
        blen = 0;
    if (strncmp(object, build_dir, blen) != 0 || object[blen] != '/')
        return NULL;
    rel = object + blen + 1;
    name = xmalloc(strlen(rel) + sizeof(".gcda"));
    strcpy(name, rel);
    dot = strrchr(name, '.');
    if (dot && !strchr(dot, '/') && (strcmp(dot, ".o") == 0 || strcmp(dot, ".obj") == 0))
        *dot = '\0';
    for (char *p = name; *p; p++)
        if (*p == '/')
            *p = '#';
    strcat(name, ".gcda");
    return name;
}
