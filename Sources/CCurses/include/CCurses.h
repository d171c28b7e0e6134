#ifndef CCURSES_H
#define CCURSES_H

/* The wide-character API of ncurses is only declared with NCURSES_WIDECHAR; SwiftPM drops the
   -D flags that pkg-config would add, so the shim defines it itself. */
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <locale.h>
#include <wchar.h>
#include <langinfo.h>
#if __has_include(<ncursesw/curses.h>)
#include <ncursesw/curses.h>
#else
#include <curses.h>
#endif

/* Accessors for C globals and macros that Swift cannot import or that Swift 6 rejects as
   shared mutable state. Bodies live in CCurses.c so that edits rebuild correctly. */
WINDOW *cc_stdscr(void);
int cc_lines(void);
int cc_cols(void);
attr_t cc_a_bold(void);
attr_t cc_a_reverse(void);
attr_t cc_a_underline(void);
attr_t cc_a_dim(void);
attr_t cc_a_normal(void);
int cc_wcwidth(wchar_t c);
/* 1 when the current LC_CTYPE codeset is UTF-8. */
int cc_locale_is_utf8(void);
/* Sets LC_ALL from the environment and falls back to C.UTF-8 for LC_CTYPE when the
   environment's codeset is not UTF-8 and C.UTF-8 exists. Returns 1 when UTF-8 is in force. */
int cc_setup_locale(void);

#endif
