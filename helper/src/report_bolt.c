/* SPDX-License-Identifier: MIT */
/* pgo-helper report: the BOLT section, on the terminal and on the page, from the lines of
 * <build>/_pgo/bolt/report.txt, which pgo-helper bolt writes (one "TARGET<TAB>outcome" line per
 * linked file) and report_bolt_text (report_data.c) reads. */
#define _POSIX_C_SOURCE 200809L
#include "report_bolt.h"

#include "report_data.h"
#include "report_format.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void report_print_bolt(const struct report *r)
{
    struct buf text;
    const char *label = "  bolt           ";

    if (report_bolt_text(r, &text) < 0)
        return;
    for (char *line = text.data; *line;) {
        size_t n = strcspn(line, "\n");
        size_t name = strcspn(line, "\t");

        if (name < n) {
            char *outcome = xstrndup(line + name + 1, n - name - 1);
            struct buf shown;

            buf_init(&shown);
            demangle_text(&r->names, &shown, outcome);
            printf("%s%.*s: %s\n", label, (int)name, line, shown.data ? shown.data : "");
            buf_release(&shown);
            free(outcome);
        }
        label = "                 ";
        line += n + (line[n] == '\n');
    }
    buf_release(&text);
}

void report_html_bolt(struct buf *b, const struct report *r)
{
    struct buf text;

    if (report_bolt_text(r, &text) < 0)
        return;
    buf_adds(b, "<section><h2>BOLT</h2>\n<p class=\"note\">After the link, llvm-bolt laid out "
                "each file again with the profile of the same training (PGO_BOLT).</p>\n"
                "<table><tr><th>target</th><th>what llvm-bolt did</th></tr>\n");
    for (char *line = text.data; *line;) {
        size_t n = strcspn(line, "\n");
        size_t name = strcspn(line, "\t");

        if (name < n) {
            buf_adds(b, "<tr><td>");
            report_html_escape(b, line, name);
            buf_adds(b, "</td><td>");
            char *outcome = xstrndup(line + name + 1, n - name - 1);
            struct buf shown;

            buf_init(&shown);
            demangle_text(&r->names, &shown, outcome);
            report_html_escape(b, shown.data ? shown.data : "", shown.len);
            buf_release(&shown);
            free(outcome);
            buf_adds(b, "</td></tr>\n");
        }
        line += n + (line[n] == '\n');
    }
    buf_adds(b, "</table></section>\n");
    buf_release(&text);
}
