"""Engines that fail, plugged in through settings to prove a failure leaves nothing behind,
or that the built-in engines step in."""

from sessions_app.engines import EngineFailed, EngineUnavailable


class FailingGenerator:
    def generate(self, *, title: str, description: str, count: int) -> list[tuple[str, str]]:
        raise RuntimeError("the question engine is unavailable")


class UnavailableGenerator:
    """Says it cannot answer now, as the model engines do when their server is down."""

    def generate(self, *, title: str, description: str, count: int) -> list[tuple[str, str]]:
        raise EngineUnavailable("the model server could not be reached")


class RefusingScorer:
    """Says its reply cannot be used, as the model scorer does after a failed repair."""

    def score(self, *, question: str, answer: str, title: str, description: str) -> tuple:
        raise EngineFailed("the model's reply could not be read")
