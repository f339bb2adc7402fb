/* SPDX-License-Identifier: MIT */
/* Command-line option parsing: long options with "--name VALUE" or "--name=VALUE", short
 * flags, "--" ends the options. Stops at the first operand so that "launch" can pass the
 * compiler's own arguments through untouched. */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"

#include "util.h"
#include "version.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void cli_init(struct cli *c, int argc, char **argv)
{
    c->argc = argc;
    c->argv = argv;
    c->index = 1;
    c->arg = NULL;
}

static const struct cli_option *find_long(const struct cli_option *options, const char *name,
                                          size_t n)
{
    for (const struct cli_option *o = options; o->long_name; o++)
        if (strlen(o->long_name) == n && memcmp(o->long_name, name, n) == 0)
            return o;
    return NULL;
}

static const struct cli_option *find_short(const struct cli_option *options, char c)
{
    for (const struct cli_option *o = options; o->long_name; o++)
        if (o->short_name && o->short_name == c)
            return o;
    return NULL;
}

int cli_next(struct cli *c, const struct cli_option *options)
{
    const char *a;
    const struct cli_option *o;

    c->arg = NULL;
    if (c->index >= c->argc)
        return CLI_END;
    a = c->argv[c->index];
    if (strcmp(a, "--") == 0) {
        c->index++;
        return CLI_END;
    }
    if (a[0] != '-' || a[1] == '\0')
        return CLI_END;
    c->index++;
    if (a[1] == '-') {
        const char *name = a + 2;
        const char *eq = strchr(name, '=');
        size_t n = eq ? (size_t)(eq - name) : strlen(name);

        o = find_long(options, name, n);
        if (!o) {
            error("unknown option '%.*s'", (int)(n + 2), a);
            return CLI_ERROR;
        }
        if (!o->has_arg) {
            if (eq) {
                error("option '--%s' takes no value", o->long_name);
                return CLI_ERROR;
            }
            return o->id;
        }
        if (eq) {
            c->arg = eq + 1;
            goto done;
        }
    } else {
        o = find_short(options, a[1]);
        if (!o || a[2] != '\0') {
            error("unknown option '%s'", a);
            return CLI_ERROR;
        }
        if (!o->has_arg)
            return o->id;
    }
    if (c->index >= c->argc) {
        error("option '%s' needs a value", a);
        return CLI_ERROR;
    }
    c->arg = c->argv[c->index++];
done:
    if (*c->arg == '\0') {
        if (a[1] == '-')
            error("option '--%s' needs a value, not an empty string", o->long_name);
        else
            error("option '%s' needs a value, not an empty string", a);
        return CLI_ERROR;
    }
    return o->id;
}

int cli_finish(const struct cli *c, int id, const char *usage, int operands)
{
    if (id == CLI_HELP) {
        fputs(usage, stdout);
        return 0;
    }
    if (id == CLI_VERSION) {
        printf("pgo-helper %s\n", PGO_HELPER_VERSION);
        return 0;
    }
    if (id == CLI_ERROR)
        return cli_usage_error(usage, NULL);
    if (!operands && c->index < c->argc) {
        error("unexpected argument '%s'", c->argv[c->index]);
        return cli_usage_error(usage, NULL);
    }
    return -1;
}

int cli_usage_error(const char *usage, const char *message)
{
    if (message)
        error("%s", message);
    fputs(usage, stderr);
    return 2;
}

int cli_number(const char *option, const char *value, unsigned long min, unsigned long max,
               unsigned long *out)
{
    if (parse_uint(value, out) < 0 || *out < min || *out > max) {
        error("option '%s' needs a number from %lu to %lu, not '%s'", option, min, max, value);
        return -1;
    }
    return 0;
}

int cli_percent(const char *option, const char *value, double *out)
{
    char *end;
    double v = strtod(value, &end);

    if (end == value || *end || v < 0 || v > 100) {
        error("%s must be a percentage from 0 to 100, not '%s'", option, value);
        return -1;
    }
    *out = v;
    return 0;
}
