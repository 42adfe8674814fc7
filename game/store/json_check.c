/* json_check.c — is a text JSON? Without allocating anything, so that a
 * reader can tell text that is not JSON from memory that ran out (see
 * json_check.h). Must never accept what cJSON refuses: the record fuzz
 * harnesses check it (tests/fuzz/fuzz_record_*.c). */
#include "json_check.h"

#include <string.h>

#define JSON_DEPTH 999 /* cJSON refuses 1000 */

static const char *json_ws(const char *p)
{
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
        p++;
    return p;
}

static int hex4(const char *p)
{
    int v = 0;
    for (int i = 0; i < 4; i++) {
        char c = p[i];
        int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (d < 0)
            return -1;
        v = v * 16 + d;
    }
    return v;
}

/* After the opening quote; returns past the closing one, or NULL. */
static const char *json_string(const char *p)
{
    for (;;) {
        unsigned char c = (unsigned char)*p;
        if (c == '\0')
            return NULL;
        if (c == '"')
            return p + 1;
        if (c != '\\') {
            p++;
            continue;
        }
        p++;
        if (*p == 'u') {
            int u = hex4(p + 1);
            if (u < 0 || (u >= 0xdc00 && u <= 0xdfff))
                return NULL;
            p += 5;
            if (u >= 0xd800 && u <= 0xdbff) { /* a pair, or cJSON refuses it */
                int lo = p[0] == '\\' && p[1] == 'u' ? hex4(p + 2) : -1;
                if (lo < 0xdc00 || lo > 0xdfff)
                    return NULL;
                p += 6;
            }
        } else if (*p && strchr("\"\\/bfnrt", *p)) {
            p++;
        } else {
            return NULL;
        }
    }
}

static const char *json_number(const char *p)
{
    if (*p == '-')
        p++;
    if (*p == '0')
        p++;
    else if (*p >= '1' && *p <= '9')
        p += strspn(p, "0123456789");
    else
        return NULL;
    if (*p == '.') {
        size_t n = strspn(p + 1, "0123456789");
        if (!n)
            return NULL;
        p += 1 + n;
    }
    if (*p == 'e' || *p == 'E') {
        p++;
        if (*p == '+' || *p == '-')
            p++;
        size_t n = strspn(p, "0123456789");
        if (!n)
            return NULL;
        p += n;
    }
    return p;
}

static const char *json_value(const char *p, int depth)
{
    p = json_ws(p);
    switch (*p) {
    case '"': return json_string(p + 1);
    case 't': return strncmp(p, "true", 4) == 0 ? p + 4 : NULL;
    case 'f': return strncmp(p, "false", 5) == 0 ? p + 5 : NULL;
    case 'n': return strncmp(p, "null", 4) == 0 ? p + 4 : NULL;
    case '[':
    case '{': {
        char close = *p == '[' ? ']' : '}';
        bool object = *p == '{';
        if (depth >= JSON_DEPTH)
            return NULL;
        p = json_ws(p + 1);
        if (*p == close)
            return p + 1;
        for (;;) {
            if (object) {
                if (*p != '"' || !(p = json_string(p + 1)))
                    return NULL;
                p = json_ws(p);
                if (*p++ != ':')
                    return NULL;
            }
            if (!(p = json_value(p, depth + 1)))
                return NULL;
            p = json_ws(p);
            if (*p == close)
                return p + 1;
            if (*p++ != ',')
                return NULL;
            p = json_ws(p);
        }
    }
    default: return json_number(p);
    }
}

bool json_well_formed(const char *text)
{
    return json_value(text, 0) != NULL;
}

