"""Python runs this at start-up when its folder is on PYTHONPATH: with CIRCLE_TEST_FILE_SIZE_LIMIT set, no file
may grow past that many bytes, and a write that would fails with EFBIG (SIGXFSZ is ignored) as on a full disk.

It lets a test run the real `python -m circle` on a "full disk" without root or a mount.
"""

import os
import resource
import signal

_limit = os.environ.get("CIRCLE_TEST_FILE_SIZE_LIMIT")
if _limit:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (int(_limit), resource.getrlimit(resource.RLIMIT_FSIZE)[1]))
