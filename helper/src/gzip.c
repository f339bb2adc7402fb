/* SPDX-License-Identifier: MIT */
/* gzip and deflate decoding. An archive from another machine is untrusted: every length,
 * code and distance is checked against what has been read and written so far, and the output
 * against a limit, so that no input reads or writes out of bounds or runs without end.
 *
 * The decoder follows RFC 1951 directly: canonical Huffman codes decoded a bit at a time
 * (fast enough for profiles of a few hundred megabytes), stored, fixed and dynamic blocks. */
#define _POSIX_C_SOURCE 200809L
#include "gzip.h"

#include <stdint.h>
#include <string.h>

#define MAXBITS 15    /* the longest code */
#define MAXLCODES 286 /* literal/length codes */
#define MAXDCODES 30  /* distance codes */
#define FIXLCODES 288 /* literal/length codes of the fixed table */

struct inflate {
    const unsigned char *in;
    size_t n, pos;
    uint32_t bitbuf;
    int bitcnt;
    struct buf *out;
    size_t start; /* where this member's output began: distances may not reach before it */
    size_t limit;
    const char *why;
};

struct huffman {
    short count[MAXBITS + 1]; /* codes of each length */
    short symbol[FIXLCODES];  /* symbols in canonical order */
};

/* The next NEED (at most 16) bits, least significant first; -1 past the end of the input. */
static int bits(struct inflate *s, int need)
{
    uint32_t v = s->bitbuf;

    while (s->bitcnt < need) {
        if (s->pos == s->n) {
            s->why = "the compressed data ends early (truncated)";
            return -1;
        }
        v |= (uint32_t)s->in[s->pos++] << s->bitcnt;
        s->bitcnt += 8;
    }
    s->bitbuf = v >> need;
    s->bitcnt -= need;
    return (int)(v & ((UINT32_C(1) << need) - 1));
}

static int put(struct inflate *s, const void *data, size_t len)
{
    if (len > s->limit - s->out->len) {
        s->why = "it unpacks to more than the size limit";
        return -1;
    }
    buf_add(s->out, data, len);
    return 0;
}

static int stored(struct inflate *s)
{
    unsigned len;

    /* The rest of the current byte is discarded; then LEN and its complement. */
    s->bitbuf = 0;
    s->bitcnt = 0;
    if (s->n - s->pos < 4) {
        s->why = "the compressed data ends early (truncated)";
        return -1;
    }
    len = s->in[s->pos] | (unsigned)s->in[s->pos + 1] << 8;
    if (s->in[s->pos + 2] != (unsigned char)~len ||
        s->in[s->pos + 3] != (unsigned char)(~len >> 8)) {
        s->why = "a stored block's length does not match its complement";
        return -1;
    }
    s->pos += 4;
    if (s->n - s->pos < len) {
        s->why = "the compressed data ends early (truncated)";
        return -1;
    }
    if (put(s, s->in + s->pos, len) < 0)
        return -1;
    s->pos += len;
    return 0;
}

/* The symbol of the next code of H, or -1. */
static int decode(struct inflate *s, const struct huffman *h)
{
    int code = 0, first = 0, index = 0;

    for (int len = 1; len <= MAXBITS; len++) {
        int bit = bits(s, 1), count;

        if (bit < 0)
            return -1;
        code |= bit;
        count = h->count[len];
        if (code - count < first)
            return h->symbol[index + (code - first)];
        index += count;
        first += count;
        first <<= 1;
        code <<= 1;
    }
    s->why = "a Huffman code that the block's table does not have";
    return -1;
}

/* Makes the canonical code of N code lengths. Returns 0 for a complete code, a positive
 * number for an incomplete one, -1 for an over-subscribed one. */
static int construct(struct huffman *h, const short *length, int n)
{
    short offs[MAXBITS + 1];
    int left = 1;

    memset(h->count, 0, sizeof(h->count));
    for (int i = 0; i < n; i++)
        h->count[length[i]]++;
    if (h->count[0] == n)
        return 0; /* no codes: complete, but decoding fails */
    for (int len = 1; len <= MAXBITS; len++) {
        left <<= 1;
        left -= h->count[len];
        if (left < 0)
            return -1;
    }
    offs[1] = 0;
    for (int len = 1; len < MAXBITS; len++)
        offs[len + 1] = (short)(offs[len] + h->count[len]);
    for (int i = 0; i < n; i++)
        if (length[i] != 0)
            h->symbol[offs[length[i]]++] = (short)i;
    return left;
}

static int codes(struct inflate *s, const struct huffman *lencode, const struct huffman *distcode)
{
    static const short lbase[29] = {3,  4,  5,  6,  7,  8,  9,  10, 11,  13,  15,  17,  19,  23, 27,
                                    31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258};
    static const short lext[29] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2,
                                   2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
    static const unsigned short dbase[30] = {
        1,   2,   3,   4,   5,   7,    9,    13,   17,   25,   33,   49,   65,    97,    129,
        193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
    static const short dext[30] = {0, 0, 0, 0, 1, 1, 2, 2,  3,  3,  4,  4,  5,  5,  6,
                                   6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13};

    for (;;) {
        int symbol = decode(s, lencode), extra;
        size_t len, dist;

        if (symbol < 0)
            return -1;
        if (symbol < 256) {
            unsigned char c = (unsigned char)symbol;

            if (put(s, &c, 1) < 0)
                return -1;
            continue;
        }
        if (symbol == 256)
            return 0;
        symbol -= 257;
        if (symbol >= 29) {
            s->why = "an invalid length code";
            return -1;
        }
        if ((extra = bits(s, lext[symbol])) < 0)
            return -1;
        len = (size_t)lbase[symbol] + (size_t)extra;
        if ((symbol = decode(s, distcode)) < 0)
            return -1;
        if (symbol >= 30) {
            s->why = "an invalid distance code";
            return -1;
        }
        if ((extra = bits(s, dext[symbol])) < 0)
            return -1;
        dist = (size_t)dbase[symbol] + (size_t)extra;
        if (dist > s->out->len - s->start) {
            s->why = "a distance reaches before the start of the data";
            return -1;
        }
        if (len > s->limit - s->out->len) {
            s->why = "it unpacks to more than the size limit";
            return -1;
        }
        /* Byte by byte: the copy may overlap what it writes. */
        for (size_t i = 0; i < len; i++) {
            char c = s->out->data[s->out->len - dist];

            buf_add(s->out, &c, 1);
        }
    }
}

static int fixed(struct inflate *s)
{
    static struct huffman lencode, distcode;
    static int built;

    if (!built) {
        short lengths[FIXLCODES];
        int i = 0;

        for (; i < 144; i++)
            lengths[i] = 8;
        for (; i < 256; i++)
            lengths[i] = 9;
        for (; i < 280; i++)
            lengths[i] = 7;
        for (; i < FIXLCODES; i++)
            lengths[i] = 8;
        construct(&lencode, lengths, FIXLCODES);
        for (i = 0; i < MAXDCODES; i++)
            lengths[i] = 5;
        construct(&distcode, lengths, MAXDCODES);
        built = 1;
    }
    return codes(s, &lencode, &distcode);
}

static int dynamic(struct inflate *s)
{
    static const short order[19] = {16, 17, 18, 0, 8,  7, 9,  6, 10, 5,
                                    11, 4,  12, 3, 13, 2, 14, 1, 15};
    short lengths[MAXLCODES + MAXDCODES];
    struct huffman lencode, distcode;
    int nlen, ndist, ncode, index, err;

    if ((nlen = bits(s, 5)) < 0 || (ndist = bits(s, 5)) < 0 || (ncode = bits(s, 4)) < 0)
        return -1;
    nlen += 257;
    ndist += 1;
    ncode += 4;
    if (nlen > MAXLCODES || ndist > MAXDCODES) {
        s->why = "a block declares too many codes";
        return -1;
    }
    for (index = 0; index < ncode; index++) {
        int len = bits(s, 3);

        if (len < 0)
            return -1;
        lengths[order[index]] = (short)len;
    }
    for (; index < 19; index++)
        lengths[order[index]] = 0;
    if (construct(&lencode, lengths, 19) != 0) {
        s->why = "a block's code-length code is incomplete or over-subscribed";
        return -1;
    }
    index = 0;
    while (index < nlen + ndist) {
        int symbol = decode(s, &lencode), len = 0, repeat;

        if (symbol < 0)
            return -1;
        if (symbol < 16) {
            lengths[index++] = (short)symbol;
            continue;
        }
        if (symbol == 16) {
            if (index == 0) {
                s->why = "a block repeats a code length before the first";
                return -1;
            }
            len = lengths[index - 1];
            repeat = bits(s, 2);
            repeat = repeat < 0 ? -1 : 3 + repeat;
        } else if (symbol == 17) {
            repeat = bits(s, 3);
            repeat = repeat < 0 ? -1 : 3 + repeat;
        } else {
            repeat = bits(s, 7);
            repeat = repeat < 0 ? -1 : 11 + repeat;
        }
        if (repeat < 0)
            return -1;
        if (index + repeat > nlen + ndist) {
            s->why = "a block's code lengths run past their count";
            return -1;
        }
        while (repeat--)
            lengths[index++] = (short)len;
    }
    if (lengths[256] == 0) {
        s->why = "a block has no end-of-block code";
        return -1;
    }
    /* An incomplete code is allowed only when it has a single code, of length 1. */
    err = construct(&lencode, lengths, nlen);
    if (err < 0 || (err > 0 && nlen != lencode.count[0] + lencode.count[1])) {
        s->why = "a block's literal/length code is incomplete or over-subscribed";
        return -1;
    }
    err = construct(&distcode, lengths + nlen, ndist);
    if (err < 0 || (err > 0 && ndist != distcode.count[0] + distcode.count[1])) {
        s->why = "a block's distance code is incomplete or over-subscribed";
        return -1;
    }
    return codes(s, &lencode, &distcode);
}

/* The deflate data of one member, from s->pos; leaves s->pos at the byte after it. */
static int inflate_member(struct inflate *s)
{
    int last;

    s->bitbuf = 0;
    s->bitcnt = 0;
    s->start = s->out->len;
    do {
        int type, rc;

        if ((last = bits(s, 1)) < 0 || (type = bits(s, 2)) < 0)
            return -1;
        if (type == 0)
            rc = stored(s);
        else if (type == 1)
            rc = fixed(s);
        else if (type == 2)
            rc = dynamic(s);
        else {
            s->why = "a block of the reserved type 3";
            rc = -1;
        }
        if (rc < 0)
            return -1;
    } while (!last);
    return 0;
}

uint32_t gzip_crc32(uint32_t crc, const unsigned char *data, size_t n)
{
    static uint32_t table[256];

    if (!table[1]) {
        for (uint32_t i = 0; i < 256; i++) {
            uint32_t c = i;

            for (int k = 0; k < 8; k++)
                c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
            table[i] = c;
        }
    }
    crc = ~crc;
    for (size_t i = 0; i < n; i++)
        crc = table[(crc ^ data[i]) & 0xff] ^ (crc >> 8);
    return ~crc;
}

static uint32_t le32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* Skips a member's header from s->pos. */
static int header(struct inflate *s)
{
    const unsigned char *in = s->in;
    unsigned flags;

    if (s->n - s->pos < 10 || in[s->pos] != 0x1f || in[s->pos + 1] != 0x8b) {
        s->why = "not gzip data";
        return -1;
    }
    if (in[s->pos + 2] != 8) {
        s->why = "a gzip method other than deflate";
        return -1;
    }
    flags = in[s->pos + 3];
    if (flags & 0xe0) {
        s->why = "reserved gzip header flags are set";
        return -1;
    }
    s->pos += 10;
    if (flags & 4) { /* FEXTRA */
        size_t xlen;

        if (s->n - s->pos < 2) {
            s->why = "the gzip header ends early (truncated)";
            return -1;
        }
        xlen = in[s->pos] | (size_t)in[s->pos + 1] << 8;
        s->pos += 2;
        if (s->n - s->pos < xlen) {
            s->why = "the gzip header ends early (truncated)";
            return -1;
        }
        s->pos += xlen;
    }
    for (unsigned bit = 8; bit <= 16; bit <<= 1) { /* FNAME, FCOMMENT: NUL-terminated */
        const unsigned char *nul;

        if (!(flags & bit))
            continue;
        nul = memchr(in + s->pos, 0, s->n - s->pos);
        if (!nul) {
            s->why = "the gzip header ends early (truncated)";
            return -1;
        }
        s->pos = (size_t)(nul - in) + 1;
    }
    if (flags & 2) { /* FHCRC */
        if (s->n - s->pos < 2) {
            s->why = "the gzip header ends early (truncated)";
            return -1;
        }
        s->pos += 2;
    }
    return 0;
}

int gzip_decode(const unsigned char *in, size_t n, size_t limit, struct buf *out, const char **why)
{
    struct inflate s;
    size_t members = 0;

    memset(&s, 0, sizeof(s));
    s.in = in;
    s.n = n;
    s.out = out;
    s.limit = limit < out->len ? out->len : limit;
    while (s.pos < n) {
        size_t begin = out->len;

        if (members > 0 && in[s.pos] == 0) {
            /* Zeros after the last member (padding of a tape block) end the data. */
            while (s.pos < n && in[s.pos] == 0)
                s.pos++;
            if (s.pos == n)
                break;
            s.why = "data that is not gzip follows the compressed data";
            goto fail;
        }
        if (header(&s) < 0 || inflate_member(&s) < 0)
            goto fail;
        if (n - s.pos < 8) {
            s.why = "the gzip trailer is missing (truncated)";
            goto fail;
        }
        if (le32(in + s.pos) !=
            gzip_crc32(0, (const unsigned char *)out->data + begin, out->len - begin)) {
            s.why = "the CRC-32 of the data does not match the gzip trailer (corrupt)";
            goto fail;
        }
        if (le32(in + s.pos + 4) != (uint32_t)(out->len - begin)) {
            s.why = "the length of the data does not match the gzip trailer (corrupt)";
            goto fail;
        }
        s.pos += 8;
        members++;
    }
    if (members == 0) {
        s.why = "not gzip data (empty)";
        goto fail;
    }
    return 0;
fail:
    *why = s.why;
    return -1;
}
