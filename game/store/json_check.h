/* json_check.h — a JSON checker that allocates nothing (store module,
 * internal). */
#ifndef BULWARK_STORE_JSON_CHECK_H
#define BULWARK_STORE_JSON_CHECK_H

#include <stdbool.h>

/* cJSON_Parse says NULL both for text that is not JSON and when memory
 * ran out: this checker, which allocates nothing, tells them apart, so a
 * good record is never called broken (and its author blamed) because
 * memory ran out. It accepts only what cJSON accepts: RFC 8259 values,
 * at most JSON_DEPTH nested, surrogate escapes in pairs, anything after
 * the first value (cJSON_Parse ignores it). */
bool json_well_formed(const char *text);

#endif
