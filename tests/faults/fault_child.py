"""A circle that stays open with a meeting under way, driven line by line, so a test can break things under it.

    python fault_child.py HOME        (the passphrase in CIRCLE_PASSPHRASE)

Commands on stdin, one per line; each gets one line back:
    meeting         open the group's meeting          -> ok EVENTS
    step            one more event (a step out)        -> ok EVENTS SEQ:ID
    read            list the groups                    -> ok GROUPS
    limit BYTES     no file may grow past BYTES (0: no limit); SIGXFSZ is ignored, so writes fail with EFBIG
    close           close the vault and exit           -> ok
A refusal is `refused EVENTS MESSAGE` with the message as JSON, so a second line in it would show. Anything
else (a traceback) ends the process with its exit code.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import sys

from circle.domain.errors import CircleError
from circle.domain.session import StepOut
from circle.workspace import Workspace


def main() -> None:
    workspace = Workspace.open(sys.argv[1])
    workspace.unlock(os.environ["CIRCLE_PASSPHRASE"])
    group_id = workspace.groups()[0].id
    meeting = None
    print("ready", flush=True)
    for line in sys.stdin:
        command, *argument = line.split()
        events = len(meeting.events) if meeting else 0
        try:
            if command == "meeting":
                meeting = workspace.meeting(group_id)
                answer = f"ok {len(meeting.events)}"
            elif command == "step":
                assert meeting is not None
                meeting.do(StepOut())
                event = meeting.events[-1]
                answer = f"ok {len(meeting.events)} {event.seq}:{event.id}"
            elif command == "read":
                answer = f"ok {len(workspace.groups())}"
            elif command == "limit":
                signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
                _, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
                resource.setrlimit(resource.RLIMIT_FSIZE, (int(argument[0]) or hard, hard))
                answer = "ok"
            elif command == "close":
                workspace.close()
                print("ok", flush=True)
                return
            else:
                answer = f"unknown {command}"
        except CircleError as error:
            answer = f"refused {len(meeting.events) if meeting else events} {json.dumps(str(error))}"
        print(answer, flush=True)


if __name__ == "__main__":
    main()
