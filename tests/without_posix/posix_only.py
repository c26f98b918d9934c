"""The standard library's modules that exist only on POSIX systems: none is there on Windows."""

POSIX_ONLY = frozenset({
    "fcntl", "termios", "tty", "pty", "pwd", "grp", "resource", "posix", "syslog", "crypt", "spwd", "nis",
    "curses", "_curses", "_posixsubprocess", "_posixshmem",
})
