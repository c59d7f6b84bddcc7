"""A small OpenAI-compatible model server for the tests: ``POST /v1/chat/completions``,
served over real HTTP from a thread of the test process, so the engines are driven through
the real ``openai`` client (and, from a worker process, across processes).

Each request is answered by ``server.script``, a function of the request's JSON returning a
``Reply``; the default answers every scoring request well and every generating request with
a valid question set. ``server.requests`` keeps every request's JSON, in order.
"""

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from sessions_app.engines import CRITERIA


@dataclass
class Reply:
    status: int = 200
    body: Any = None  # a dict is sent as JSON, a str as it is
    delay: float = 0.0
    headers: dict[str, str] = field(default_factory=dict)


def completion(content: str, *, tokens: int = 700) -> dict:
    """A Chat Completions response whose message is ``content``."""
    return {
        "id": "chatcmpl-test",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": "test-model",
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": content},
                "finish_reason": "stop",
            }
        ],
        "usage": {
            "prompt_tokens": tokens - 100,
            "completion_tokens": 100,
            "total_tokens": tokens,
        },
    }


def assessment(
    value: int = 80,
    *,
    covered: list[int] | None = None,
    changes: list[str] | None = None,
    **extra: Any,
) -> Reply:
    """A well-formed assessment: every criterion ``value``; ``extra`` keys added as they are
    (a model's own ``score``, say)."""
    body = {
        "criteria": dict.fromkeys(CRITERIA, value),
        "talking_points_covered": [1] if covered is None else covered,
        "did_well": ["You named the checks you made and what they showed."],
        "changes": changes or ["Say what you changed afterwards so it does not happen again."],
        **extra,
    }
    return Reply(body=completion(json.dumps(body)))


def question_set(count: int, *, prefix: str = "Model question") -> Reply:
    questions = [
        {
            "text": f"{prefix} {n}: tell me about a time you handled part {n} of this role?",
            "category": ("role", "skill", "role", "behavioural", "role")[(n - 1) % 5],
            "topic": f"topic {n}",
            "talking_points": [f"point {n}.1", f"point {n}.2", f"point {n}.3"],
        }
        for n in range(1, count + 1)
    ]
    return Reply(body=completion(json.dumps({"questions": questions})))


def is_scoring(request: dict) -> bool:
    return "assess one answer" in request["messages"][0]["content"]


def answer_of(request: dict) -> str:
    """The answer a scoring request carries, between the markers its system prompt names."""
    tag = request["messages"][0]["content"].split("<<<DATA ")[1].split(">>>")[0]
    text = request["messages"][1]["content"]
    return text.split(f"<<<DATA {tag}>>>\n")[1].split(f"\n<<<END {tag}>>>")[0]


def default_script(request: dict) -> Reply:
    if is_scoring(request):
        return assessment()
    count = int(request["messages"][0]["content"].split("Write exactly ")[1].split()[0])
    return question_set(count)


class ModelServer:
    def __init__(self) -> None:
        self.script: Callable[[dict], Reply] = default_script
        self.requests: list[dict] = []
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - the name http.server calls
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                with server._lock:
                    server.requests.append(body)
                reply = server.script(body)
                time.sleep(reply.delay)
                payload = reply.body if isinstance(reply.body, str) else json.dumps(reply.body)
                data = payload.encode()
                try:
                    self.send_response(reply.status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    for name, value in reply.headers.items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client timed out and went away, as the test meant it to

            def log_message(self, *args: Any) -> None:
                pass

        self._http = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._http.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._http.server_port}/v1"
        self._thread = threading.Thread(target=self._http.serve_forever, daemon=True)

    def __enter__(self) -> "ModelServer":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._http.shutdown()
        self._http.server_close()

    def reset(self, script: Callable[[dict], Reply] = default_script) -> None:
        with self._lock:
            self.requests.clear()
        self.script = script

    def scoring_requests(self) -> list[dict]:
        with self._lock:
            return [request for request in self.requests if is_scoring(request)]
