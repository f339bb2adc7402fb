/* SPDX-License-Identifier: MIT */
/* pgo-helper report: the HTML page. One self-contained file: inline CSS and SVG charts, no
 * script, nothing fetched, so it opens from disk, from a CI artifact or an e-mail alike.
 *
 * The page shows strings from outside the helper: names, paths, compiler messages, a sidecar
 * and a benchmark file perhaps made on another machine. One rule keeps them text: markup is
 * added only as literals (buf_adds of a string constant, and format strings whose
 * conversions are numbers, never %s); every other string goes through report_html_text or
 * report_html_cut, in text, in attributes and in SVG titles alike; the benchmark file's
 * numbers are parsed and formatted here, not copied. The sections of report_representative.c
 * and report_bolt.c keep the same rule. */
#define _POSIX_C_SOURCE 200809L
#include "report_html.h"

#include "fs.h"
#include "report_bolt.h"
#include "report_format.h"
#include "report_names.h"
#include "report_representative.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define C_HOT "#e4572e"
#define C_COLD "#3d7dca"
#define C_OTHER "#8a96a3"
#define C_UNKNOWN "#c3ccd5"
#define C_RAN "#2f9e6e"
#define C_NEVER "#dde3e9"
#define C_STALE "#d64545"
#define C_NODATA "#f0a202"

static const char style[] =
    "body{font:15px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1f2933;"
    "background:#f4f6f8;margin:0}"
    "main{max-width:1120px;margin:0 auto;padding:28px 32px 48px}"
    "h1{font-size:26px;margin:0 0 4px}h2{font-size:19px;margin:0 0 6px}"
    ".sub{color:#52606d;margin:0 0 22px;font-size:14px}"
    ".sub code{font-size:13px}"
    "section{background:#fff;border:1px solid #e1e6eb;border-radius:10px;padding:20px 24px;"
    "margin:0 0 20px;box-shadow:0 1px 2px rgba(31,41,51,.04)}"
    ".cards{display:grid;grid-template-columns:repeat(4,1fr);gap:16px;background:none;"
    "border:0;padding:0;box-shadow:none}"
    ".card{background:#fff;border:1px solid #e1e6eb;border-radius:10px;padding:16px;display:flex;"
    "gap:14px;align-items:center}"
    ".card svg{flex:0 0 76px}"
    ".card .big{font-size:21px;font-weight:650;line-height:1.15;margin-bottom:2px}"
    ".card .what{color:#52606d;font-size:13px}"
    ".note{color:#616e7c;font-size:13px;margin:0 0 12px}"
    ".legend{font-size:13px;color:#52606d;margin:4px 0 10px}"
    ".legend span{display:inline-block;margin-right:16px}"
    ".legend i{display:inline-block;width:11px;height:11px;border-radius:2px;margin-right:5px;"
    "vertical-align:-1px}"
    "svg text{font:13px system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;fill:#1f2933}"
    "svg .dim{fill:#7b8794;font-size:12px}"
    "table{border-collapse:collapse;font-size:13px;width:100%}"
    "td,th{text-align:left;padding:4px 10px 4px 0;border-bottom:1px solid #eef1f4;"
    "vertical-align:top}"
    "th{color:#52606d;font-weight:600}"
    "td.num,th.num{text-align:right}"
    "code{font:12.5px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}"
    "details{margin:6px 0}summary{cursor:pointer;color:#243b53}"
    ".warn{background:#fff4e5;border:1px solid #f5c77e;border-radius:8px;padding:10px 14px;"
    "margin:0 0 16px}"
    ".bad{background:#fdecec;border-color:#f0a3a3}"
    ".ok{color:" C_RAN ";font-weight:600}"
    ".fn{font:12.5px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}"
    "footer{color:#7b8794;font-size:12.5px}";

/* A number of the benchmark file, parsed whole. Returns 0, or -1 when KEY is missing or its
 * value is not a finite number. */
static int bench_number(const struct kv *kv, const char *key, double *out)
{
    const char *s = kv_get(kv, key);
    char *end;
    double v;

    if (!s || !((*s >= '0' && *s <= '9') || *s == '-' || *s == '.'))
        return -1;
    v = strtod(s, &end);
    if (end == s || *end || !isfinite(v))
        return -1;
    *out = v;
    return 0;
}

/* KEY's number formatted by FMT (one double conversion) into OUT, or "?". */
static const char *bench_text(const struct kv *kv, const char *key, const char *fmt, char *out,
                              size_t n)
{
    double v;

    if (bench_number(kv, key, &v) < 0 || (size_t)snprintf(out, n, fmt, v) >= n)
        snprintf(out, n, "?");
    return out;
}

/* The number of rounds, or "?". */
static const char *bench_rounds(const struct kv *kv, char *out, size_t n)
{
    unsigned long rounds;

    if (parse_uint(kv_get(kv, "rounds"), &rounds) == 0)
        snprintf(out, n, "%lu", rounds);
    else
        snprintf(out, n, "?");
    return out;
}

static const char *placement_color(int placement)
{
    return placement == PLACE_HOT     ? C_HOT
           : placement == PLACE_COLD  ? C_COLD
           : placement == PLACE_OTHER ? C_OTHER
                                      : C_UNKNOWN;
}

/* A ring showing fraction, with text in its middle. */
static void ring(struct buf *b, double fraction, const char *color, const char *middle)
{
    const double r = 30, len = 2 * 3.14159265 * r;

    if (fraction < 0)
        fraction = 0;
    if (fraction > 1)
        fraction = 1;
    buf_adds(b, "<svg width=\"76\" height=\"76\" viewBox=\"0 0 76 76\" aria-hidden=\"true\">"
                "<circle cx=\"38\" cy=\"38\" r=\"30\" fill=\"none\" stroke=\"#e9edf1\" "
                "stroke-width=\"9\"/>"
                "<circle cx=\"38\" cy=\"38\" r=\"30\" fill=\"none\" stroke=\"");
    report_html_text(b, color);
    buf_addf(b,
             "\" stroke-width=\"9\" stroke-dasharray=\"%.1f %.1f\" "
             "transform=\"rotate(-90 38 38)\" stroke-linecap=\"butt\"/>"
             "<text x=\"38\" y=\"43\" text-anchor=\"middle\" style=\"font-size:15px;"
             "font-weight:650\">",
             fraction * len, len);
    report_html_text(b, middle);
    buf_adds(b, "</text></svg>");
}

static void card(struct buf *b, double fraction, const char *color, const char *middle,
                 const char *big, const char *what)
{
    buf_adds(b, "<div class=\"card\">");
    ring(b, fraction, color, middle);
    buf_adds(b, "<div><div class=\"big\">");
    report_html_text(b, big);
    buf_adds(b, "</div><div class=\"what\">");
    report_html_text(b, what);
    buf_adds(b, "</div></div></div>\n");
}

static const char *grade(double fraction)
{
    return fraction >= 0.9 ? C_RAN : fraction >= 0.7 ? C_NODATA : C_STALE;
}

static void cards(struct buf *b, const struct report *r)
{
    char middle[32], big[96], what[160];
    unsigned long matched = r->compiled - r->out_of_date - r->no_data;
    unsigned long placed = r->hot + r->cold, seen = r->hot + r->cold + r->other;
    double f, ratio;

    buf_adds(b, "<section class=\"cards\">\n");
    f = r->functions ? (double)r->ran / (double)r->functions : 0;
    snprintf(middle, sizeof(middle), "%.0f%%", 100 * f);
    snprintf(big, sizeof(big), "%lu of %lu", r->ran, r->functions);
    if (r->cs_records)
        snprintf(what, sizeof(what),
                 "functions of the profile ran during training (and %lu context-sensitive "
                 "records, PGO_CSPGO)",
                 r->cs_records);
    else
        snprintf(what, sizeof(what), "functions of the profile ran during training");
    card(b, f, C_RAN, middle, big, what);

    f = r->compiled ? (double)matched / (double)r->compiled : 0;
    snprintf(middle, sizeof(middle), "%.0f%%", 100 * f);
    snprintf(big, sizeof(big), "%lu of %lu", matched, r->compiled);
    snprintf(what, sizeof(what),
             "functions compiled today match the profile (%lu out of date, "
             "%lu without data%s)",
             r->out_of_date, r->no_data,
             r->variants ? ", some of them variants other objects matched" : "");
    card(b, f, grade(f), middle, big, what);

    f = seen ? (double)placed / (double)seen : 0;
    snprintf(middle, sizeof(middle), "%.0f%%", 100 * f);
    if (r->lto && seen == 0) {
        card(b, 0, C_OTHER, "LTO", "not readable",
             "placement: the objects are LTO bitcode or GIMPLE");
    } else {
        snprintf(big, sizeof(big), "%lu hot \xc2\xb7 %lu cold", r->hot, r->cold);
        snprintf(what, sizeof(what), "of %lu functions placed by the profile", seen);
        card(b, f, C_HOT, middle, big, what);
    }

    if (r->bench.present && bench_number(&r->bench.kv, "ratio_median", &ratio) == 0) {
        char rounds[32], lo[32], hi[32];

        /* The ring is the PGO build's time as a share of the plain build's. */
        f = ratio > 0 ? 1 / ratio : 0;
        snprintf(middle, sizeof(middle), "%.0f%%", 100 * f);
        snprintf(big, sizeof(big), ratio >= 1 ? "%.2fx faster" : "%.2fx slower",
                 ratio >= 1 ? ratio : (ratio > 0 ? 1 / ratio : 0));
        snprintf(what, sizeof(what),
                 "than plain Release: time %.0f%% of plain, median of %s rounds (ratios %s-%s)",
                 100 * f, bench_rounds(&r->bench.kv, rounds, sizeof(rounds)),
                 bench_text(&r->bench.kv, "ratio_min", "%.3f", lo, sizeof(lo)),
                 bench_text(&r->bench.kv, "ratio_max", "%.3f", hi, sizeof(hi)));
        card(b, f, ratio >= 1 ? C_RAN : C_STALE, middle, big, what);
    } else {
        f = r->total ? (double)r->total_matched / (double)r->total : 0;
        snprintf(middle, sizeof(middle), "%.0f%%", 100 * f);
        report_format_share(big, sizeof(big), f);
        card(b, f, grade(f), middle, big,
             "of the profile's counts apply to today's code (the rest: out of date or in no "
             "object of this build)");
    }
    buf_adds(b, "</section>\n");
}

static void legend(struct buf *b, const char *const *items)
{
    buf_adds(b, "<div class=\"legend\">");
    for (size_t i = 0; items[i]; i += 2) {
        buf_adds(b, "<span><i style=\"background:");
        report_html_text(b, items[i]);
        buf_adds(b, "\"></i>");
        report_html_text(b, items[i + 1]);
        buf_adds(b, "</span>");
    }
    buf_adds(b, "</div>\n");
}

static void hottest(struct buf *b, const struct report *r)
{
    static const char *const keys[] = {C_HOT,   "placed hot", C_COLD,    "placed cold",
                                       C_OTHER, "not placed", C_UNKNOWN, "placement unknown",
                                       NULL};
    size_t *idx, n = report_hottest(r, &idx), shown = n < 20 ? n : 20;
    const int row = 26, label = 300, width = 1050, barw = 560;
    double top;

    buf_adds(b, "<section><h2>Where the training spent its time</h2>\n"
                "<p class=\"note\">The hottest functions by their share of all the profile's "
                "counts (counters summed per function: a rough measure of the work done in "
                "it, not a timing). The colour says where the optimized build placed it.</p>\n");
    legend(b, keys);
    if (shown == 0) {
        buf_adds(b, "<p>No function ran during training.</p></section>\n");
        free(idx);
        return;
    }
    top = r->total ? (double)r->fns[idx[0]].total / (double)r->total : 0;
    buf_addf(b,
             "<svg width=\"100%%\" viewBox=\"0 0 %d %zu\" role=\"img\" "
             "aria-label=\"hottest functions\">\n",
             width, shown * (size_t)row + 4);
    for (size_t i = 0; i < shown; i++) {
        const struct rfunc *f = &r->fns[idx[i]];
        double s = r->total ? (double)f->total / (double)r->total : 0;
        double w = top > 0 ? s / top * barw : 0;
        int y = (int)i * row;
        char share[16];

        report_format_share(share, sizeof(share), s);
        buf_adds(b, "<g><title>");
        report_html_text(b, report_fn_name(f, 0));
        if (f->shown && f->shown != f->name) {
            buf_adds(b, " (");
            report_html_text(b, f->name);
            buf_adds(b, ")");
        }
        buf_adds(b, " \xe2\x80\x94 ");
        report_html_text(b, report_short_path(r, f->file));
        buf_addf(b, ", counter total %llu, largest counter %llu</title>",
                 (unsigned long long)f->total, (unsigned long long)f->max);
        buf_addf(b, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" class=\"fn\">", label - 10,
                 y + 17);
        report_html_cut(b, report_fn_name(f, 34), 34);
        buf_addf(b,
                 "</text><rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"18\" rx=\"3\" "
                 "fill=\"",
                 label, y + 4, w < 1 ? 1 : w);
        report_html_text(b, placement_color(f->placement));
        buf_addf(b, "\"/><text x=\"%.1f\" y=\"%d\">", label + (w < 1 ? 1 : w) + 8, y + 17);
        report_html_text(b, share);
        buf_adds(b, "</text>");
        buf_addf(b, "<text x=\"%.1f\" y=\"%d\" class=\"dim\">", label + (w < 1 ? 1 : w) + 70,
                 y + 17);
        report_html_cut(b, report_short_path(r, f->file), 40);
        if (f->out_of_date)
            buf_adds(b, " \xc2\xb7 out of date");
        buf_adds(b, "</text></g>\n");
    }
    buf_adds(b, "</svg>\n");
    if (n > shown)
        buf_addf(b, "<p class=\"note\">and %zu more functions that ran.</p>\n", n - shown);
    buf_adds(b, "</section>\n");
    free(idx);
}

static void coverage(struct buf *b, const struct report *r)
{
    static const char *const keys[] = {
        C_RAN,    "ran during training",           C_NEVER, "never ran", C_STALE, "out of date",
        C_NODATA, "compiled without profile data", NULL};
    const int row = 26, label = 300, width = 1050, barw = 480;
    size_t shown = r->nfiles < 30 ? r->nfiles : 30;
    unsigned long most = 1;

    buf_adds(b, "<section><h2>Coverage per file</h2>\n"
                "<p class=\"note\">Each bar is one source file's functions: those the training "
                "ran, those it never ran (optimized for size: slower if users run them), and "
                "those the compiler could not use the profile for. Files by their share of all "
                "counts.</p>\n");
    legend(b, keys);
    if (shown == 0) {
        buf_adds(b, "<p>No source file.</p></section>\n");
        return;
    }
    for (size_t i = 0; i < shown; i++)
        if (r->files[i].functions + r->files[i].no_data > most)
            most = r->files[i].functions + r->files[i].no_data;
    buf_addf(b,
             "<svg width=\"100%%\" viewBox=\"0 0 %d %zu\" role=\"img\" "
             "aria-label=\"coverage per file\">\n",
             width, shown * (size_t)row + 4);
    for (size_t i = 0; i < shown; i++) {
        const struct rfile *f = &r->files[i];
        unsigned long ran = f->ran > f->out_of_date ? f->ran - f->out_of_date : 0;
        unsigned long parts[4] = {ran, f->out_of_date, f->functions - f->ran, f->no_data};
        const char *colors[4] = {C_RAN, C_STALE, C_NEVER, C_NODATA};
        double x = label, unit = (double)barw / (double)most;
        int y = (int)i * row;
        char share[16];

        report_format_share(share, sizeof(share),
                            r->total ? (double)f->total / (double)r->total : 0);
        buf_adds(b, "<g><title>");
        report_html_text(b, f->path);
        buf_addf(b, ": %lu of %lu functions ran, %lu out of date, %lu without profile data, ",
                 f->ran, f->functions, f->out_of_date, f->no_data);
        report_html_text(b, share);
        buf_adds(b, " of all counts</title>");
        buf_addf(b, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">", label - 10, y + 17);
        report_html_cut(b, report_short_path(r, f->path), 38);
        buf_adds(b, "</text>");
        for (int k = 0; k < 4; k++) {
            if (parts[k] == 0)
                continue;
            buf_addf(b, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"18\" fill=\"", x, y + 4,
                     parts[k] * unit - 1 > 1 ? parts[k] * unit - 1 : 1);
            report_html_text(b, colors[k]);
            buf_adds(b, "\"/>");
            x += parts[k] * unit;
        }
        buf_addf(b, "<text x=\"%.1f\" y=\"%d\">%lu/%lu ran</text>", x + 8, y + 17, f->ran,
                 f->functions);
        buf_addf(b, "<text x=\"%.1f\" y=\"%d\" class=\"dim\">", x + 90, y + 17);
        report_html_text(b, share);
        buf_adds(b, " of counts</text></g>\n");
    }
    buf_adds(b, "</svg>\n");
    if (r->nfiles > shown)
        buf_addf(b, "<p class=\"note\">and %zu more files, listed below.</p>\n", r->nfiles - shown);
    buf_adds(b, "</section>\n");
}

static void warnings(struct buf *b, const struct report *r)
{
    static const char *const keys[] = {C_STALE,  "out of date (profile discarded)",
                                       C_NODATA, "without profile data",
                                       C_OTHER,  "other",
                                       NULL};
    const int row = 26, label = 300, width = 1050, barw = 480;
    size_t files = 0;
    unsigned long most = 1;

    buf_adds(b, "<section><h2>Compiler warnings per file</h2>\n");
    for (size_t i = 0; i < r->nfiles; i++) {
        const struct rfile *f = &r->files[i];
        unsigned long n = f->out_of_date + f->no_data + f->other_warnings;

        if (n) {
            files++;
            most = n > most ? n : most;
        }
    }
    if (files == 0) {
        buf_adds(b, "<p><span class=\"ok\">None.</span> The compiler used the profile for "
                    "every function it compiled.</p></section>\n");
        return;
    }
    buf_adds(b, "<p class=\"note\">Out of date: the function changed since the profile was made, "
                "and the compiler discarded its counts. Without profile data: the profile does "
                "not know the function (new code, or code no trained program links).</p>\n");
    legend(b, keys);
    buf_addf(b,
             "<svg width=\"100%%\" viewBox=\"0 0 %d %zu\" role=\"img\" "
             "aria-label=\"warnings per file\">\n",
             width, (files < 30 ? files : 30) * (size_t)row + 4);
    for (size_t i = 0, k = 0; i < r->nfiles && k < 30; i++) {
        const struct rfile *f = &r->files[i];
        unsigned long parts[3] = {f->out_of_date, f->no_data, f->other_warnings};
        const char *colors[3] = {C_STALE, C_NODATA, C_OTHER};
        double x = label, unit = (double)barw / (double)most;
        int y = (int)k * row;

        if (!parts[0] && !parts[1] && !parts[2])
            continue;
        k++;
        buf_addf(b, "<g><text x=\"%d\" y=\"%d\" text-anchor=\"end\">", label - 10, y + 17);
        report_html_cut(b, report_short_path(r, f->path), 38);
        buf_adds(b, "</text>");
        for (int j = 0; j < 3; j++) {
            if (!parts[j])
                continue;
            buf_addf(b, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"18\" fill=\"", x, y + 4,
                     parts[j] * unit - 1 > 1 ? parts[j] * unit - 1 : 1);
            report_html_text(b, colors[j]);
            buf_adds(b, "\"/>");
            x += parts[j] * unit;
        }
        buf_addf(b, "<text x=\"%.1f\" y=\"%d\">%lu out of date, %lu without data", x + 8, y + 17,
                 parts[0], parts[1]);
        if (parts[2])
            buf_addf(b, ", %lu other", parts[2]);
        buf_adds(b, "</text></g>\n");
    }
    buf_adds(b, "</svg>\n");
    for (size_t i = 0; i < r->nfiles; i++) {
        const struct rfile *f = &r->files[i];

        if (!f->out_of_date && !f->no_data && !f->other_warnings)
            continue;
        buf_adds(b, "<details><summary>");
        report_html_text(b, report_short_path(r, f->path));
        buf_addf(b,
                 " \xe2\x80\x94 %lu warnings</summary><table><tr><th>function</th>"
                 "<th>what</th><th>the compiler said</th></tr>\n",
                 f->out_of_date + f->no_data + f->other_warnings);
        for (size_t k = 0; k < r->nwarns; k++) {
            const struct rwarn *w = &r->warns[k];
            const char *file = w->file ? w->file : r->objs[w->obj].source;

            if (!file || strcmp(file, f->path) != 0)
                continue;
            buf_adds(b, "<tr><td class=\"fn\">");
            if (w->function && is_mangled(w->function)) {
                buf_adds(b, "<span title=\"");
                report_html_text(b, w->function);
                buf_adds(b, "\">");
                report_html_text(b, report_name(r, w->function, 60));
                buf_adds(b, "</span>");
            } else {
                report_html_text(b, w->function ? w->function : "");
            }
            buf_adds(b, "</td><td>");
            report_html_text(b, w->kind == RW_OUT_OF_DATE ? "out of date"
                                : w->kind == RW_NO_DATA   ? "no profile data"
                                                          : "other");
            buf_adds(b, "</td><td><code>");
            report_html_cut(b, w->shown_text ? w->shown_text : w->text, 220);
            buf_adds(b, "</code></td></tr>\n");
        }
        buf_adds(b, "</table></details>\n");
    }
    buf_adds(b, "</section>\n");
}

/* The values of a comma-separated list of numbers. */
static size_t numbers(const char *s, double *out, size_t max)
{
    size_t n = 0;

    while (s && *s && n < max) {
        char *end;

        out[n] = strtod(s, &end);
        if (end == s || !isfinite(out[n]))
            break;
        n++;
        s = *end == ',' ? end + 1 : end;
    }
    return n;
}

/* A size value of the benchmark file, "build:text:file,...": its names escaped, its numbers
 * parsed and formatted here; "?" when it is not one. */
static void sizes(struct buf *b, const char *value)
{
    struct buf shown;
    const char *p = value;
    int ok = *p != '\0';

    buf_init(&shown);
    while (ok && *p) {
        size_t name = strcspn(p, ":,");

        ok = name > 0 && p[name] == ':';
        if (!ok)
            break;
        if (shown.len)
            buf_adds(&shown, ",");
        report_html_escape(&shown, p, name);
        p += name;
        for (int k = 0; k < 2 && ok; k++) {
            char *end;

            ok = *p == ':' && p[1] >= '0' && p[1] <= '9';
            if (ok) {
                buf_addf(&shown, ":%llu", strtoull(p + 1, &end, 10));
                p = end;
            }
        }
        if (ok && *p == ',')
            ok = *++p != '\0';
        else if (ok && *p)
            ok = 0;
    }
    if (ok)
        buf_add(b, shown.data, shown.len); /* escaped and formatted above */
    else
        report_html_text(b, "?");
    buf_release(&shown);
}

/* The repeatable figures beside the times: instructions, peak memory, sizes, the verdict. */
static void bench_table(struct buf *b, const struct kv *kv)
{
    const char *regression = kv_get(kv, "regression");
    static const char *const rows[][2] = {
        {"instructions (valgrind)", "instructions"},
        {"cycle estimate (simulated)", "cycles"},
        {"I1 misses (simulated)", "i1_misses"},
        {"LL misses (simulated)", "ll_misses"},
        {"mispredicted branches (simulated)", "mispredicts"},
        {"peak memory, KiB (median)", "rss_kb"},
    };

    buf_adds(b, "<table><tr><th></th><th>without the profile</th><th>PGO</th>"
                "<th>plain Release</th></tr>\n");
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        static const char *const builds[] = {"plain", "pgo", "release"};
        char first[64];

        snprintf(first, sizeof(first), "pgo_%s", rows[i][1]);
        if (!kv_get(kv, first) && strcmp(rows[i][1], "instructions") != 0 &&
            strcmp(rows[i][1], "rss_kb") != 0)
            continue; /* not simulated */
        buf_adds(b, "<tr><th>");
        report_html_text(b, rows[i][0]);
        buf_adds(b, "</th>");
        for (size_t k = 0; k < 3; k++) {
            char key[64], v[64];

            snprintf(key, sizeof(key), "%s_%s", builds[k], rows[i][1]);
            buf_adds(b, "<td>");
            report_html_text(b, kv_get(kv, key) ? bench_text(kv, key, "%.0f", v, sizeof(v))
                                                : "\xe2\x80\x94");
            buf_adds(b, "</td>");
        }
        buf_adds(b, "</tr>\n");
    }
    for (size_t i = 0; i < kv->keys.n; i++) {
        const char *key = kv->keys.v[i];

        if (strncmp(key, "size.", 5) != 0)
            continue;
        buf_adds(b, "<tr><th>size of <code>");
        report_html_text(b, key + 5);
        buf_adds(b, "</code> (text:file bytes)</th><td colspan=\"3\">");
        sizes(b, kv->values.v[i]);
        buf_adds(b, "</td></tr>\n");
    }
    buf_adds(b, "</table>\n");
    if (regression && strcmp(regression, "no") != 0) {
        buf_adds(b, "<p class=\"warn\"><b>Regression:</b> ");
        report_html_text(b, regression);
        buf_adds(b, ".</p>\n");
    } else if (regression) {
        buf_adds(b, "<p>No regression: the PGO build is not slower than the same build "
                    "without the profile beyond noise.</p>\n");
    }
}

static void bench(struct buf *b, const struct report *r)
{
    const struct kv *kv = &r->bench.kv;
    double plain[256], pgo[256], med[2] = {0, 0}, top = 0;
    size_t np, ng;
    const char *names[2] = {"without the profile", "PGO"}, *colors[2] = {C_OTHER, C_RAN};
    const int label = 170, barw = 640;
    char rounds[32], ratio[3][32];

    if (!r->bench.present || !kv_get(kv, "plain_median") || !kv_get(kv, "pgo_median"))
        return;
    np = numbers(kv_get(kv, "plain_times"), plain, 256);
    ng = numbers(kv_get(kv, "pgo_times"), pgo, 256);
    /* A median that is not a number shows as "?", with no bar. */
    bench_number(kv, "plain_median", &med[0]);
    bench_number(kv, "pgo_median", &med[1]);
    for (size_t i = 0; i < np; i++)
        top = plain[i] > top ? plain[i] : top;
    for (size_t i = 0; i < ng; i++)
        top = pgo[i] > top ? pgo[i] : top;
    top = top > med[0] ? top : med[0];
    top = top > med[1] ? top : med[1];
    if (top <= 0)
        top = 1;
    buf_adds(b, "<section><h2>Before and after</h2>\n<p class=\"note\">");
    report_html_text(b, kv_get(kv, "command") ? kv_get(kv, "command") : "the benchmark");
    buf_adds(b, " \xe2\x80\x94 run on the PGO build and on the same build without the profile "
                "(same flags, same LTO) in turn, ");
    report_html_text(b, bench_rounds(kv, rounds, sizeof(rounds)));
    buf_adds(b, " rounds. Bars are medians, dots single runs. Wall time on a shared machine "
                "varies: read the spread, and the instruction counts below.</p>\n");
    buf_adds(b, "<svg width=\"100%\" viewBox=\"0 0 1050 96\" role=\"img\" "
                "aria-label=\"benchmark\">\n");
    for (int k = 0; k < 2; k++) {
        const double *t = k ? pgo : plain;
        size_t n = k ? ng : np;
        int y = k * 44;
        char median[32];

        buf_addf(b, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">", label - 10, y + 24);
        report_html_text(b, names[k]);
        buf_addf(b,
                 "</text><rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"26\" rx=\"3\" "
                 "fill=\"",
                 label, y + 6, med[k] > 0 ? med[k] / top * barw : 0);
        report_html_text(b, colors[k]);
        buf_adds(b, "\" opacity=\".85\"/>");
        for (size_t i = 0; i < n; i++)
            buf_addf(b,
                     "<circle cx=\"%.1f\" cy=\"%d\" r=\"3.5\" fill=\"#1f2933\" "
                     "opacity=\".55\"/>",
                     label + t[i] / top * barw, y + 19);
        buf_addf(b, "<text x=\"%.1f\" y=\"%d\">", label + barw + 14.0, y + 24);
        report_html_text(
            b, bench_text(kv, k ? "pgo_median" : "plain_median", "%.4g s", median, sizeof(median)));
        buf_adds(b, "</text>\n");
    }
    buf_adds(b, "</svg>\n<p>without the profile / PGO: <b>");
    report_html_text(b, bench_text(kv, "ratio_median", "%.3f", ratio[0], sizeof(ratio[0])));
    buf_adds(b, "x</b> (median of the per-round ratios; range ");
    report_html_text(b, bench_text(kv, "ratio_min", "%.3f", ratio[1], sizeof(ratio[1])));
    buf_adds(b, " to ");
    report_html_text(b, bench_text(kv, "ratio_max", "%.3f", ratio[2], sizeof(ratio[2])));
    buf_adds(b, ")</p>\n");
    if (kv_get(kv, "wall_verdict")) {
        /* One of three fixed verdicts; anything else (a sender's edit) is shown as text. */
        buf_adds(b, "<p>Wall time, by the signed-rank test over the rounds: <b>");
        report_html_text(b, kv_get(kv, "wall_verdict"));
        buf_adds(b, "</b> (p = ");
        report_html_text(b, bench_text(kv, "wall_p", "%.3f", ratio[0], sizeof(ratio[0])));
        buf_adds(b, ")</p>\n");
    }
    bench_table(b, kv);
    buf_adds(b, "</section>\n");
}

static void sidecar(struct buf *b, const struct report *r)
{
    buf_adds(b, "<section><h2>The profile</h2>\n<table>");
    buf_adds(b, "<tr><th>file</th><td><code>");
    report_html_text(b, r->profile);
    buf_adds(b, "</code></td></tr>\n");
    if (!r->meta_present) {
        buf_adds(b, "<tr><th>sidecar</th><td>none (");
        report_html_text(b, r->meta_path);
        buf_adds(b, "): what made this profile is unknown</td></tr>\n");
    }
    for (size_t i = 0; i < r->meta.keys.n; i++) {
        buf_adds(b, "<tr><th>");
        report_html_text(b, r->meta.keys.v[i]);
        buf_adds(b, "</th><td><code>");
        report_html_text(b, r->meta.values.v[i]);
        buf_adds(b, "</code></td></tr>\n");
    }
    if (r->compiler_version) {
        buf_adds(b, "<tr><th>this build's compiler</th><td><code>");
        report_html_text(b, r->compiler_version);
        buf_adds(b, "</code></td></tr>\n");
    }
    buf_adds(b, "</table></section>\n");
}

static void never_ran(struct buf *b, const struct report *r)
{
    buf_adds(b, "<section><h2>Files and functions</h2>\n<p class=\"note\">Every file with the "
                "functions the training never ran; open a file for them.</p>\n"
                "<table><tr><th>file</th><th class=\"num\">functions</th><th class=\"num\">ran"
                "</th><th class=\"num\">share of counts</th><th class=\"num\">out of date</th>"
                "<th class=\"num\">no data</th></tr>\n");
    for (size_t i = 0; i < r->nfiles; i++) {
        const struct rfile *f = &r->files[i];
        char share[16];
        size_t listed = 0;

        report_format_share(share, sizeof(share),
                            r->total ? (double)f->total / (double)r->total : 0);
        buf_adds(b, "<tr><td>");
        if (f->functions > f->ran) {
            buf_adds(b, "<details><summary>");
            report_html_text(b, report_short_path(r, f->path));
            buf_adds(b, "</summary><span class=\"fn\">");
            for (size_t k = 0; k < r->nfns; k++) {
                const struct rfunc *fn = &r->fns[k];

                if (fn->in_profile && !fn->ran && fn->file && strcmp(fn->file, f->path) == 0) {
                    buf_adds(b, listed++ ? ", " : "never ran: ");
                    report_html_text(b, report_fn_name(fn, 60));
                }
            }
            buf_adds(b, "</span></details>");
        } else {
            report_html_text(b, report_short_path(r, f->path));
        }
        buf_addf(b, "</td><td class=\"num\">%lu</td><td class=\"num\">%lu</td><td class=\"num\">",
                 f->functions, f->ran);
        report_html_text(b, share);
        buf_addf(b, "</td><td class=\"num\">%lu</td><td class=\"num\">%lu</td></tr>\n",
                 f->out_of_date, f->no_data);
    }
    buf_adds(b, "</table></section>\n");
}

/* What each training test added (test_profiles.h), when the report read it. */
static void training_tests(struct buf *b, const struct report *r)
{
    const struct test_profiles *p = &r->tests;
    struct test_contribution *c;

    if (p->ntests == 0)
        return;
    c = xcalloc(p->ntests, sizeof(*c));
    test_profiles_measure(p, c);
    buf_adds(b, "<section><h2>The training tests</h2>\n<p class=\"note\">What each test "
                "added. Hot only: functions among the fewest that hold 90% of the test's "
                "counts, and hot in no other test. Overlap: how far its counts lie where the "
                "other tests' counts lie, summed over the counters (100%: the same "
                "distribution).</p>\n<table><tr><th>test</th><th class=\"num\">time s</th>"
                "<th class=\"num\">functions</th><th class=\"num\">share of counts</th>"
                "<th class=\"num\">hot only</th><th class=\"num\">overlap</th></tr>\n");
    for (size_t i = 0; i < p->ntests; i++) {
        char share[16];

        test_profiles_format_share(share, sizeof(share), c[i].share);
        buf_adds(b, "<tr><td>");
        report_html_text(b, p->tests[i].name);
        buf_adds(b, "</td><td class=\"num\">");
        if (p->tests[i].seconds >= 0)
            buf_addf(b, "%.2f", p->tests[i].seconds);
        else
            buf_adds(b, "-");
        buf_addf(b, "</td><td class=\"num\">%lu</td><td class=\"num\">", c[i].reached);
        report_html_text(b, share);
        buf_addf(b, "</td><td class=\"num\">%lu</td><td class=\"num\">", c[i].hot_only);
        if (c[i].overlap >= 0)
            buf_addf(b, "%.1f%%", 100.0 * c[i].overlap);
        else
            buf_adds(b, "-");
        buf_adds(b, "</td></tr>\n");
    }
    buf_adds(b, "</table></section>\n");
    free(c);
}

int report_write_html(const struct report *r, const char *path)
{
    struct buf b;
    char *dir = dir_name(path);
    const char *date = kv_get(&r->meta, "date"), *rev = kv_get(&r->meta, "source_revision");
    int rc;

    buf_init(&b);
    buf_adds(&b, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
                 "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                 "<title>PGO report</title>\n<style>");
    buf_adds(&b, style);
    buf_adds(&b, "</style></head><body><main>\n<h1>What the profile did</h1>\n<p class=\"sub\">");
    report_html_text(&b, r->compiler_version ? r->compiler_version : (r->clang ? "Clang" : "GCC"));
    buf_adds(&b, " \xc2\xb7 profile <code>");
    report_html_text(&b, r->profile);
    buf_adds(&b, "</code>");
    if (date) {
        buf_adds(&b, " \xc2\xb7 made ");
        report_html_text(&b, date);
    }
    if (rev) {
        buf_adds(&b, " from revision <code>");
        report_html_escape(&b, rev, report_utf8_prefix(rev, 12));
        buf_adds(&b, "</code>");
    }
    buf_adds(&b, "</p>\n");
    if (r->out_of_date > 0) {
        buf_adds(&b, r->have_threshold &&
                             100.0 * r->out_of_date / (r->compiled ? r->compiled : 1) > r->threshold
                         ? "<div class=\"warn bad\">"
                         : "<div class=\"warn\">");
        buf_addf(&b,
                 "<b>The profile is out of date for %lu of the %lu functions compiled.</b> The "
                 "compiler discarded their counts; retrain to get them back.</div>\n",
                 r->out_of_date, r->compiled);
    }
    if (r->meta_present && r->compiler_version && kv_get(&r->meta, "compiler_version") &&
        strcmp(kv_get(&r->meta, "compiler_version"), r->compiler_version) != 0) {
        buf_adds(&b, "<div class=\"warn bad\"><b>Another compiler made this profile:</b> ");
        report_html_text(&b, kv_get(&r->meta, "compiler_version"));
        buf_adds(&b, "</div>\n");
    }
    cards(&b, r);
    hottest(&b, r);
    report_html_representative(&b, r);
    coverage(&b, r);
    warnings(&b, r);
    bench(&b, r);
    report_html_bolt(&b, r);
    never_ran(&b, r);
    training_tests(&b, r);
    sidecar(&b, r);
    buf_adds(&b, "<footer><p>Counts are the profile's counters summed per function: they "
                 "measure how often its instrumented edges ran, not time. ");
    if (!r->clang)
        buf_adds(&b, "GCC's .gcda files name no function: names are recovered from GCC's "
                     "checksums of the source lines and the objects' symbols; a function "
                     "declared in a header keeps its number (#ident). ");
    if (r->lto && r->linked_read)
        buf_adds(&b, "With LTO the objects hold bitcode or GIMPLE: their symbols come from the "
                     "toolchain's nm, and each function's placement from the linked files and "
                     "the linker's maps (a function in none of them was inlined or dropped at "
                     "link time). ");
    else if (r->lto)
        buf_adds(&b, "With LTO the objects hold bitcode or GIMPLE: placements are unknown and "
                     "public functions are not attributed to files. ");
    buf_adds(&b, "Written by pgo-helper report.</p></footer>\n</main></body></html>\n");
    rc = mkdir_p(dir);
    if (rc == 0)
        rc = write_file_atomic(path, b.data, b.len);
    buf_release(&b);
    free(dir);
    return rc;
}
