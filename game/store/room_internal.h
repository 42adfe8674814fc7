/* room_internal.h — what the room model's two files share (room.c: the
 * scoreboard, distributions and the best game; room_record.c: reading a
 * record's actions and decisions). Never included outside game/store. */
#ifndef BULWARK_ROOM_INTERNAL_H
#define BULWARK_ROOM_INTERNAL_H

#include <stdarg.h>
#include <stddef.h>

#include "bulwark/room.h"

/* One decision as one game met it. */
typedef struct room_gdec {
    char text[ROOM_TEXT_MAX];
    int opened;                  /* tick */
    bool answered, by_default, offensive;
    char answer[ROOM_TEXT_MAX];  /* the option's text, "" while open */
} room_gdec;

/* What one record says beyond its summary. */
typedef struct room_grec {
    room_gdec *decs;
    int dec_count;
    char title[ROOM_TEXT_MAX];
} room_grec;

/* Copy src into dst (n bytes), cut on a UTF-8 character boundary and with
 * control characters replaced (bw_text_clean), so a bounded copy of
 * untrusted text stays valid text. */
void room_copy_text(char *dst, size_t n, const char *src);

/* Read text (the record of g, whose summary is already filled) into g's
 * actions and rec's decisions and title. Sets g->record_ok. BW_OK, or
 * BW_ENOMEM; a record that does not parse is not an error (record_ok
 * stays false and rec is empty). */
int room_record_read(const char *text, room_game *g, room_grec *rec);
void room_grec_free(room_grec *rec);

#endif
