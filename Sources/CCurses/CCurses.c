/* glibc declares wcwidth only under _XOPEN_SOURCE. */
#define _XOPEN_SOURCE 700
#define _DEFAULT_SOURCE 1
#include "CCurses.h"
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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
    return cc_locale_is_utf8();
}

static SCREEN *screen;
static FILE *tty_in;
static FILE *tty_out;
static volatile sig_atomic_t active;
static volatile sig_atomic_t pending_signal;
static int saved_stderr = -1;
static int handlers_installed;

static const int paste_start_code = KEY_MAX + 1;
static const int paste_end_code = KEY_MAX + 2;
static const char paste_on[] = "\033[?2004h";
static const char paste_off[] = "\033[?2004l";

static const int crash_signals[] = { SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGFPE, SIGABRT };
#define CRASH_SIGNAL_COUNT (sizeof crash_signals / sizeof crash_signals[0])
static struct sigaction previous_crash_actions[CRASH_SIGNAL_COUNT];

int cc_key_paste_start(void) { return paste_start_code; }
int cc_key_paste_end(void) { return paste_end_code; }
int cc_active(void) { return active; }

static void restore_stderr(void) {
    if (saved_stderr >= 0) {
        dup2(saved_stderr, STDERR_FILENO);
        close(saved_stderr);
        saved_stderr = -1;
    }
}

/* Restores the terminal. Called from normal exit and from signal handlers, where only
   endwin and write are used (endwin is not formally async-signal-safe, but it is what htop and
   tig do, and a wrecked terminal is worse). */
static void leave_screen(void) {
    if (!active) return;
    active = 0;
    if (tty_out != NULL) {
        ssize_t ignored = write(fileno(tty_out), paste_off, sizeof paste_off - 1);
        (void)ignored;
    }
    endwin();
}

static void on_exit_restore(void) {
    leave_screen();
    restore_stderr();
}

static void on_quit_signal(int signal_number) { pending_signal = signal_number; }

static void on_crash(int signal_number, siginfo_t *info, void *context) {
    (void)context;
    leave_screen();
    restore_stderr();
    for (size_t i = 0; i < CRASH_SIGNAL_COUNT; i++) {
        if (crash_signals[i] == signal_number) {
            sigaction(signal_number, &previous_crash_actions[i], NULL);
        }
    }
    /* A real fault re-executes on return and reaches the previous handler (the Swift
       backtracer, or the default action) with its real context. A signal that was sent
       (kill, abort) would not come back by itself, so it is raised again. */
    if (info == NULL || info->si_code <= 0 || signal_number == SIGABRT) raise(signal_number);
}

static void install_handlers(void) {
    if (handlers_installed) return;
    handlers_installed = 1;
    atexit(on_exit_restore);

    struct sigaction quit_action;
    memset(&quit_action, 0, sizeof quit_action);
    quit_action.sa_handler = on_quit_signal;
    sigemptyset(&quit_action.sa_mask);
    sigaction(SIGINT, &quit_action, NULL);
    sigaction(SIGTERM, &quit_action, NULL);
    sigaction(SIGHUP, &quit_action, NULL);

    struct sigaction crash_action;
    memset(&crash_action, 0, sizeof crash_action);
    crash_action.sa_sigaction = on_crash;
    crash_action.sa_flags = SA_SIGINFO;
    sigemptyset(&crash_action.sa_mask);
    for (size_t i = 0; i < CRASH_SIGNAL_COUNT; i++) {
        sigaction(crash_signals[i], &crash_action, &previous_crash_actions[i]);
    }
}

static void close_tty(void) {
    if (tty_in != NULL) fclose(tty_in);
    if (tty_out != NULL) fclose(tty_out);
    tty_in = NULL;
    tty_out = NULL;
}

int cc_start(void) {
    if (active) return CC_STARTED;
    int fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) return CC_NO_TERMINAL;
    tty_out = fdopen(fd, "w");
    tty_in = fdopen(dup(fd), "r");
    if (tty_out == NULL || tty_in == NULL) {
        close_tty();
        return CC_NO_TERMINAL;
    }
    const char *term = getenv("TERM");
    if (term != NULL && *term != '\0') screen = newterm(term, tty_out, tty_in);
    if (screen == NULL) {
        close_tty();
        return CC_UNKNOWN_TERMINAL;
    }
    set_term(screen);
    active = 1;
    install_handlers();

    cbreak();
    noecho();
    keypad(stdscr, TRUE);
    const char *delay = getenv("ESCDELAY");
    if (delay == NULL || *delay == '\0') set_escdelay(25);
    define_key("\033[200~", paste_start_code);
    define_key("\033[201~", paste_end_code);
    cc_write_raw(paste_on, sizeof paste_on - 1);
    return CC_STARTED;
}

void cc_stop(void) {
    leave_screen();
    restore_stderr();
    if (screen != NULL) {
        delscreen(screen);
        screen = NULL;
    }
    close_tty();
}

int cc_start_colors(const short *colors, int count) {
    if (!has_colors() || start_color() != OK) return 0;
    use_default_colors();
    for (int i = 0; i < count; i++) init_pair((short)(i + 1), colors[i], -1);
    return 1;
}

void cc_write_raw(const char *bytes, size_t length) {
    if (tty_out == NULL) return;
    fflush(tty_out);
    while (length > 0) {
        ssize_t written = write(fileno(tty_out), bytes, length);
        if (written <= 0) return;
        bytes += written;
        length -= (size_t)written;
    }
}

int cc_take_signal(void) {
    int signal_number = pending_signal;
    pending_signal = 0;
    return signal_number;
}

int cc_redirect_stderr(const char *path) {
    int fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (fd < 0) return 0;
    fflush(stderr);
    saved_stderr = dup(STDERR_FILENO);
    dup2(fd, STDERR_FILENO);
    close(fd);
    return 1;
}
