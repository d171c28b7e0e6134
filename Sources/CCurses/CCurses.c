/* glibc declares wcwidth only under _XOPEN_SOURCE. */
#define _XOPEN_SOURCE 700
#include "CCurses.h"
#include <string.h>

WINDOW *cc_stdscr(void) { return stdscr; }
int cc_lines(void) { return LINES; }
int cc_cols(void) { return COLS; }
attr_t cc_a_bold(void) { return A_BOLD; }
attr_t cc_a_reverse(void) { return A_REVERSE; }
attr_t cc_a_underline(void) { return A_UNDERLINE; }
attr_t cc_a_dim(void) { return A_DIM; }
attr_t cc_a_normal(void) { return A_NORMAL; }
int cc_wcwidth(wchar_t c) { return wcwidth(c); }

int cc_locale_is_utf8(void) {
    const char *codeset = nl_langinfo(CODESET);
    return codeset != NULL && (strcmp(codeset, "UTF-8") == 0 || strcmp(codeset, "utf8") == 0);
}

int cc_setup_locale(void) {
    setlocale(LC_ALL, "");
    if (cc_locale_is_utf8()) return 1;
    if (setlocale(LC_CTYPE, "C.UTF-8") != NULL && cc_locale_is_utf8()) return 1;
    return 0;
}
