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
#include <stddef.h>
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
/* Sets LC_ALL from the environment and returns 1 when its codeset is UTF-8. A non-UTF-8
   locale is honoured (not replaced by C.UTF-8): it describes what the terminal can show, so
   the app falls back to ASCII instead of sending bytes the terminal would garble. */
int cc_setup_locale(void);

/* Results of cc_start. */
enum { CC_STARTED = 0, CC_NO_TERMINAL = 1, CC_UNKNOWN_TERMINAL = 2 };

/* Opens /dev/tty, starts curses on it with newterm (never initscr, which exits the process on
   an unknown TERM), sets cbreak/noecho/keypad/nonl-free input, the Esc delay (unless ESCDELAY
   is set), bracketed paste, and the handlers that restore the terminal on exit, SIGTERM,
   SIGINT, SIGHUP and crashes. */
int cc_start(void);
/* Leaves curses and restores the terminal; safe to call more than once. */
void cc_stop(void);
/* 1 while curses owns the terminal. */
int cc_active(void);
/* Key codes that cc_start defined for the bracketed-paste markers. */
int cc_key_paste_start(void);
int cc_key_paste_end(void);
/* Starts colours on the terminal's default background; returns 0 when unavailable. Pair n
   (1...count) gets foreground colors[n-1] (-1 = default). */
int cc_start_colors(const short *colors, int count);
/* Writes bytes straight to the terminal (after doupdate): OSC 8 and OSC 52 sequences. */
void cc_write_raw(const char *bytes, size_t length);
/* The pending SIGINT/SIGTERM/SIGHUP number, cleared by the call; 0 when none. */
int cc_take_signal(void);
/* Sends stderr to `path` while the screen is active (stray output would corrupt it);
   cc_stop and the crash handler put the original stderr back. */
int cc_redirect_stderr(const char *path);

#endif
